/**
 * The `format`s a CRD keeps, with the checks the API server runs on them (k8s.io/kube-openapi
 * `strfmt` and `validate`), so that `armkube validate` and the API server agree on them.
 *
 *   string    date-time, date, uuid, byte (base64), uri (Go's url.ParseRequestURI); on spec
 *             strings only: a status is observed, and one the API server refused would be lost
 *   integer   int32, int64: the value must fit
 *   number    float, double: the value must fit
 *
 * Every other Swagger format is dropped: the API server ignores what it does not know, and some it
 * knows mean something else in Azure's specs (`duration` is ISO 8601 `PT1H` in Azure, a Go
 * duration such as `1h` for the API server, which would refuse ARM's values). `email` and
 * `password` are left out too: the one `email` of the specs is not worth reproducing Go's
 * net/mail parser, and `password` checks nothing.
 */

import { isIPv6 } from 'node:net';

/** The formats kept per schema type, each with the API server's check. */
export const KEPT_FORMATS = {
  string: {
    'date-time': isDateTime,
    date: isDate,
    uuid: (v: string) => UUID.test(v),
    byte: (v: string) => BASE64.test(v),
    uri: isRequestUri,
  } as Readonly<Record<string, (value: string) => boolean>>,
  integer: {
    int32: (v: number) => v >= -(2 ** 31) && v <= 2 ** 31 - 1,
    int64: (v: number) => v >= -(2 ** 63) && v < 2 ** 63,
  } as Readonly<Record<string, (value: number) => boolean>>,
  number: {
    float: (v: number) => Math.abs(v) <= FLOAT32_MAX,
    double: (v: number) => Number.isFinite(v),
  } as Readonly<Record<string, (value: number) => boolean>>,
};

/** Whether a CRD keeps `format` on a schema of this type (`side`: string formats on spec only). */
export function keepsFormat(type: string, format: string, side: 'spec' | 'status'): boolean {
  if (type === 'string' && side !== 'spec') return false;
  const kept = type === 'string' || type === 'integer' || type === 'number' ? KEPT_FORMATS[type] : undefined;
  return kept !== undefined && Object.hasOwn(kept, format);
}

const FLOAT32_MAX = 3.4028234663852886e38;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;

/** strfmt.IsDate: Go's time.Parse("2006-01-02"), which checks the day against the month. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * strfmt.IsDateTime, quirks included: the lower-cased string is split at every `t`, the first part
 * must be a date and the second a time with a zone (`z` or `±hh:mm`); hours up to 23, minutes and
 * seconds up to 59 (compared as text).
 */
export function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = TIME.exec(parts[1]);
  return m !== null && m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

/**
 * Go's url.ParseRequestURI (Go 1.26): not empty, no control character; with a scheme, a rest not
 * starting with `/` is opaque (valid); without one, it must start with `/`. An authority
 * (`scheme://user@host:port`) needs valid userinfo characters, a numeric port, host characters
 * (an IPv6 address in brackets), and every `%` must start a valid escape (in a host, only of a
 * non-ASCII byte or `%25`).
 */
export function isRequestUri(raw: string): boolean {
  if (raw === '' || /[\x00-\x1f\x7f]/.test(raw)) return false;
  if (raw === '*') return true;
  if (raw.startsWith(':')) return false; // missing protocol scheme
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw);
  let rest = scheme ? raw.slice(scheme[0].length) : raw;
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  if (!rest.startsWith('/')) return scheme !== null;
  if (scheme && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    if (!validAuthority(scheme[1].toLowerCase(), slash < 0 ? rest.slice(2) : rest.slice(2, slash))) return false;
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return validEscapes(rest, false);
}

function validAuthority(scheme: string, authority: string): boolean {
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo) || !validEscapes(userinfo, false)) return false;
  }
  const host = authority.slice(at + 1);
  const open = host.lastIndexOf('[');
  if (open > 0) return false;
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !validPort(host.slice(close + 1))) return false;
    const address = host.slice(1, close);
    const zone = address.indexOf('%25');
    const ip = zone < 0 ? address : address.slice(0, zone);
    // An IPv6 address has no non-ASCII byte, so no escape either.
    return !ip.includes('%') && isIPv6(ip) && (zone < 0 || validEscapes(address.slice(zone + 3), false));
  }
  let colon = host.indexOf(':');
  if (colon >= 0 && scheme !== 'http' && scheme !== 'https') colon = host.lastIndexOf(':');
  if (colon >= 0 && !validPort(host.slice(colon))) return false;
  return /^[A-Za-z0-9!"$&'()*+,\-.:;<=>\[\]_~%\u0080-\uffff]*$/.test(host) && validEscapes(host, true);
}

function validPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/** Every `%` starts two hex digits; in a host, of a non-ASCII byte or `%25`. */
function validEscapes(s: string, host: boolean): boolean {
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 3)) {
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return false;
    if (host && parseInt(hex[0], 16) < 8 && hex !== '25') return false;
  }
  return true;
}
