"""Small, separately tested detectors of personal information in text."""
