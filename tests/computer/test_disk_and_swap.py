"""Disk and swap encryption, against device stacks as sysfs and /proc show them (layouts of
the Ubuntu, Fedora and Debian installers' encrypted and plain choices)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hygiene_audit.computer.probe import Outcome
from hygiene_audit.computer.probes.disk import DiskEncryptionProbe
from hygiene_audit.computer.probes.swap import SwapProbe
from tests.computer.fakes import Tree, machine

SWAPS_HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"


def ubuntu_luks_lvm(tree: Tree) -> None:
    """Ubuntu's "Use LVM and encryption": nvme0n1p3 → LUKS (dm-0) → LVM root (dm-1), swap (dm-2)."""
    tree.block("nvme0n1", "259:0")
    tree.block("nvme0n1p3", "259:3", partition_of="nvme0n1")
    tree.block(
        "dm-0",
        "252:0",
        dm_uuid="CRYPT-LUKS2-5d1c7e3a0f9e4b8a9c6d2e1f0a3b4c5d-nvme0n1p3_crypt",
        slaves=("nvme0n1p3",),
    )
    tree.block(
        "dm-1",
        "252:1",
        dm_uuid="LVM-Xy3bXy3bXy3bXy3bXy3bXy3bXy3bXy3bQk9Wq3mAq3mAq3mAq3mA",
        slaves=("dm-0",),
    )
    tree.block(
        "dm-2",
        "252:2",
        dm_uuid="LVM-Xy3bXy3bXy3bXy3bXy3bXy3bXy3bXy3bZz1Zz1Zz1Zz1Zz1Zz1Zz",
        slaves=("dm-0",),
    )


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)


def test_ubuntu_encrypted_lvm_is_encrypted_for_root_and_home(tree: Tree) -> None:
    ubuntu_luks_lvm(tree)
    tree.mountinfo(("252:1", "/", "ext4", "/dev/mapper/vgubuntu-root"))
    answer = DiskEncryptionProbe().probe(machine(tree.root))
    assert answer.outcome is Outcome.YES
    assert "your home folder" in answer.detail
    assert "/home/ana" not in answer.detail  # a home folder's name is often a real name


def test_plain_partition_is_not_encrypted_and_says_how(tree: Tree) -> None:
    tree.block("sda", "8:0")
    tree.block("sda2", "8:2", partition_of="sda")
    tree.mountinfo(("8:2", "/", "ext4", "/dev/sda2"))
    answer = DiskEncryptionProbe().probe(machine(tree.root))
    assert answer.outcome is Outcome.NO
    assert any("lsblk -f" in step for step in answer.steps)


def test_encrypted_system_with_a_plain_home_partition_is_a_no_naming_home(tree: Tree) -> None:
    ubuntu_luks_lvm(tree)
    tree.block("sdb", "8:16")
    tree.block("sdb1", "8:17", partition_of="sdb")
    tree.mountinfo(
        ("252:1", "/", "ext4", "/dev/mapper/vgubuntu-root"), ("8:17", "/home", "ext4", "/dev/sdb1")
    )
    answer = DiskEncryptionProbe().probe(machine(tree.root))
    assert answer.outcome is Outcome.NO
    assert "home" in answer.detail and "(/)" not in answer.detail


def test_fedora_btrfs_on_luks_is_traced_through_the_mapper_name(tree: Tree) -> None:
    """btrfs reports an anonymous device number (0:NN) in mountinfo; its source names the
    mapper device, a link to dm-0."""
    tree.block("nvme0n1", "259:0")
    tree.block("nvme0n1p3", "259:3", partition_of="nvme0n1")
    tree.block(
        "dm-0",
        "253:0",
        dm_uuid="CRYPT-LUKS2-0b6e1c2d3e4f5a6b7c8d9e0f1a2b3c4d-luks-0b6e1c2d",
        slaves=("nvme0n1p3",),
    )
    tree.link("/dev/mapper/luks-0b6e1c2d", "../dm-0")
    (tree.root / "dev/dm-0").touch()
    tree.mountinfo(
        ("0:35", "/", "btrfs", "/dev/mapper/luks-0b6e1c2d"),
        ("0:35", "/home", "btrfs", "/dev/mapper/luks-0b6e1c2d"),
    )
    assert DiskEncryptionProbe().probe(machine(tree.root)).outcome is Outcome.YES


def test_ecryptfs_home_counts_as_encrypted_home(tree: Tree) -> None:
    ubuntu_luks_lvm(tree)
    tree.mountinfo(
        ("252:1", "/", "ext4", "/dev/mapper/vgubuntu-root"),
        ("0:44", "/home/ana", "ecryptfs", "/home/.ecryptfs/ana/.Private"),
    )
    assert DiskEncryptionProbe().probe(machine(tree.root)).outcome is Outcome.YES


@pytest.mark.parametrize("fstype", ["overlay", "tmpfs", "nfs4"])
def test_a_root_without_a_block_device_is_not_determined(tree: Tree, fstype: str) -> None:
    tree.mountinfo(("0:77", "/", fstype, "overlay"))
    answer = DiskEncryptionProbe().probe(machine(tree.root))
    assert answer.outcome is Outcome.UNDETERMINED
    assert fstype in answer.detail


@pytest.mark.parametrize("content", ["", "garbage without fields\n", "\x00\xff" * 40, "1 2 3 - \n"])
def test_unreadable_or_odd_mountinfo_is_not_determined(tree: Tree, content: str) -> None:
    tree.write("/proc/self/mountinfo", content)
    assert DiskEncryptionProbe().probe(machine(tree.root)).outcome is Outcome.UNDETERMINED


def test_a_fifo_in_place_of_a_proc_file_is_never_opened(tree: Tree) -> None:
    (tree.root / "proc").mkdir()
    os.mkfifo(tree.root / "proc/swaps")  # nobody writes to it: opening it would block
    assert SwapProbe().probe(machine(tree.root)).outcome is Outcome.UNDETERMINED


def test_no_swap_is_safe(tree: Tree) -> None:
    tree.write("/proc/swaps", SWAPS_HEADER)
    assert SwapProbe().probe(machine(tree.root)).outcome is Outcome.YES


def test_zram_swap_is_in_memory(tree: Tree) -> None:
    tree.write(
        "/proc/swaps",
        SWAPS_HEADER + "/dev/zram0                              partition\t8388604\t\t0\t\t100\n",
    )
    assert SwapProbe().probe(machine(tree.root)).outcome is Outcome.YES


def test_swap_inside_luks_is_encrypted_and_a_plain_swap_partition_is_not(tree: Tree) -> None:
    ubuntu_luks_lvm(tree)
    tree.block("sda", "8:0")
    tree.block("sda3", "8:3", partition_of="sda")
    tree.write(
        "/proc/swaps",
        SWAPS_HEADER + "/dev/dm-2                               partition\t999420\t\t0\t\t-2\n",
    )
    assert SwapProbe().probe(machine(tree.root)).outcome is Outcome.YES
    tree.write(
        "/proc/swaps",
        SWAPS_HEADER + "/dev/dm-2 partition 999420 0 -2\n/dev/sda3 partition 2097148 0 -3\n",
    )
    answer = SwapProbe().probe(machine(tree.root))
    assert (
        answer.outcome is Outcome.NO
        and "/dev/sda3" in answer.detail
        and "dm-2" not in answer.detail
    )


def test_a_swap_file_is_as_encrypted_as_the_filesystem_it_lives_on(tree: Tree) -> None:
    ubuntu_luks_lvm(tree)
    tree.mountinfo(("252:1", "/", "ext4", "/dev/mapper/vgubuntu-root"))
    tree.write(
        "/proc/swaps",
        SWAPS_HEADER + "/swap.img                               file\t\t2097148\t\t0\t\t-2\n",
    )
    assert SwapProbe().probe(machine(tree.root)).outcome is Outcome.YES
    tree.block("sda", "8:0")
    tree.block("sda1", "8:1", partition_of="sda")
    tree.mountinfo(("8:1", "/", "ext4", "/dev/sda1"))
    assert SwapProbe().probe(machine(tree.root)).outcome is Outcome.NO
