"""Where the data folder lives: network shares and removable drives are told apart from local disks."""

from __future__ import annotations

from pathlib import Path, PurePath

from emulation_desktop.storage import location

MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
/dev/sda1 /boot/efi vfat rw 0 0
//server/chung /mnt/phong\\040mttq cifs rw,vers=3.0 0 0
nas:/export/data /srv/nfs nfs4 rw 0 0
lan@may-chu:/du-lieu /home/lan/xa fuse.sshfs rw 0 0
/dev/sdb1 /media/lan/USB\\040MTTQ vfat rw,nosuid 0 0
/dev/sdc1 /media/lan/Ổ-ngoài exfat rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def fake_sys(root: Path) -> Path:
    """A /sys with sda (fixed), sdb (a USB stick: removable=1) and sdc (a USB disk: removable=0)."""
    devices = root / "devices"
    for disk, bus, removable in (("sda", "pci0000:00/ata1", "0"), ("sdb", "pci0000:00/usb1/1-1", "1"),
                                 ("sdc", "pci0000:00/usb2/2-1", "0")):  # fmt: skip
        disk_dir = devices / bus / "block" / disk
        (disk_dir / f"{disk}1").mkdir(parents=True)
        (disk_dir / "removable").write_text(removable + "\n")
        (disk_dir / f"{disk}1" / "partition").write_text("1\n")
        (root / "block").mkdir(parents=True, exist_ok=True)
        (root / "class" / "block").mkdir(parents=True, exist_ok=True)
        (root / "block" / disk).symlink_to(disk_dir)
        (root / "class" / "block" / disk).symlink_to(disk_dir)
        (root / "class" / "block" / f"{disk}1").symlink_to(disk_dir / f"{disk}1")
    return root


def test_mount_lines_are_parsed_with_escapes():
    mounts = location.parse_mounts(MOUNTS)
    assert ("//server/chung", "/mnt/phong mttq", "cifs") in mounts
    assert location.mount_of(PurePath("/mnt/phong mttq/du-lieu"), mounts)[2] == "cifs"
    assert location.mount_of(PurePath("/home/lan"), mounts)[1] == "/"


def test_linux_network_removable_and_local(tmp_path):
    sys_root = fake_sys(tmp_path / "sys")
    classify = lambda path: location.classify_linux(Path(path), MOUNTS, sys_root)  # noqa: E731
    assert classify("/mnt/phong mttq/thi-dua") == location.NETWORK
    assert classify("/srv/nfs/thi-dua") == location.NETWORK
    assert classify("/home/lan/xa/thi-dua") == location.NETWORK
    assert classify("/media/lan/USB MTTQ/thi-dua") == location.REMOVABLE
    assert classify("/media/lan/Ổ-ngoài") == location.REMOVABLE  # a USB disk says removable=0
    assert classify("/home/lan/.local/share/emulation-desktop") == location.LOCAL
    assert classify("/tmp/x") == location.LOCAL
    assert classify("/boot/efi") == location.LOCAL


def test_windows_unc_and_drive_types():
    types = {"C:\\": 3, "E:\\": location.DRIVE_REMOVABLE, "Z:\\": location.DRIVE_REMOTE}
    classify = lambda path: location.classify_windows(path, types.get)  # noqa: E731
    assert classify("\\\\may-chu\\chung\\thi-dua") == location.NETWORK
    assert classify("Z:\\thi-dua") == location.NETWORK
    assert classify("E:\\thi-dua") == location.REMOVABLE
    assert classify("C:\\Users\\lan\\AppData\\Local\\emulation-desktop") == location.LOCAL


def test_macos_volumes():
    mount = "//lan@may-chu/chung on /Volumes/chung (smbfs, nodev, nosuid, mounted by lan)\n"
    assert location.classify_mac(Path("/Volumes/chung/thi-dua"), mount) == location.NETWORK
    assert location.classify_mac(Path("/Volumes/USB/thi-dua"), mount) == location.REMOVABLE
    assert location.classify_mac(Path("/Users/lan/Library"), mount) == location.LOCAL


def test_this_machine_and_messages(tmp_path):
    assert location.classify(tmp_path) in (location.LOCAL, location.NETWORK, location.REMOVABLE)
    assert location.risk_message(location.LOCAL) == ""
    assert "ổ mạng" in location.risk_message(location.NETWORK)
    assert "USB" in location.risk_message(location.REMOVABLE)
