// Python's ipaddress.IPv4Address(text) accepts it (Python 3.9.5+: no leading zeros).
export function isIpv4Address(text: string): boolean {
  const octets = text.split('.');
  if (octets.length !== 4) return false;
  return octets.every((o) => /^[0-9]{1,3}$/.test(o) && (o === '0' || o[0] !== '0') && Number(o) <= 255);
}
