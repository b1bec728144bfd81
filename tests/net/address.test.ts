import { expect, test } from "bun:test";
import { ipv6Groups, isMetadataAddress, privateAddressReason } from "../../src/net/address";

test("private and special IPv4 ranges are named", () => {
  for (const ip of [
    "0.0.0.0",
    "10.0.0.1",
    "100.100.0.1",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "198.18.0.1",
    "224.0.0.251",
    "240.0.0.1",
    "255.255.255.255",
  ]) {
    expect(privateAddressReason(ip)).toBeString();
  }
  expect(privateAddressReason("127.0.0.1")).toContain("loopback");
});

test("public IPv4 passes, including neighbours of private ranges", () => {
  for (const ip of ["93.184.216.34", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "192.169.0.1", "11.0.0.1"]) {
    expect(privateAddressReason(ip)).toBeUndefined();
  }
});

test("IPv6 special ranges, including embedded IPv4", () => {
  for (const ip of [
    "::",
    "::1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1%eth0",
    "fec0::1",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:7f00:1",
    "64:ff9b::a00:1",
    "2002:c0a8:0101::1",
  ]) {
    expect(privateAddressReason(ip)).toBeString();
  }
  for (const ip of ["2606:4700:4700::1111", "2001:db8::1", "::ffff:8.8.8.8", "2002:0808:0808::1"]) {
    expect(privateAddressReason(ip)).toBeUndefined();
  }
});

test("ipv6Groups expands compressed forms", () => {
  expect(ipv6Groups("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  expect(ipv6Groups("fe80::1:2")).toEqual([0xfe80, 0, 0, 0, 0, 0, 1, 2]);
  expect(ipv6Groups("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
});

test("metadata address in any spelling", () => {
  expect(isMetadataAddress("169.254.169.254")).toBeTrue();
  expect(isMetadataAddress("::ffff:169.254.169.254")).toBeTrue();
  expect(isMetadataAddress("fd00:ec2::254")).toBeTrue();
  expect(isMetadataAddress("169.254.169.253")).toBeFalse();
});
