"""HA-D's probes: what this computer itself says about disk encryption, swap, screen lock,
firewall, updates, its release and open sharing.

One interface (:mod:`.probe`), one module per probe (:mod:`.probes`), one way to run
commands (:mod:`.runner`: the only commands any probe may run, listed once) and one view of
the machine (:mod:`.machine`: a filesystem root and a runner, both replaceable in tests).
Every probe is read-only, never needs root, and answers yes, no or "not determined: why".
"""
