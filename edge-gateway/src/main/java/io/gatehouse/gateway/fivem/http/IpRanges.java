package io.gatehouse.gateway.fivem.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of CIDR ranges ({@code sv_proxyIPRanges}). IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}, what a
 * dual-stack socket reports for an IPv4 peer) are matched as the IPv4 address they carry.
 */
public final class IpRanges {

    private final List<Range> ranges;

    private IpRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses {@code a.b.c.d/n}, {@code x:y::/n} or a bare address (a single host). */
    public static IpRanges parse(List<String> cidrs) {
        List<Range> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            String text = cidr.trim();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            byte[] address = literal(host, cidr);
            int bits = address.length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("Bad prefix length in IP range: " + cidr);
            }
            parsed.add(new Range(address, prefix));
        }
        return new IpRanges(List.copyOf(parsed));
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = normalize(address);
        for (Range range : ranges) {
            if (range.matches(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The address's bytes, with an IPv4-mapped IPv6 address reduced to its four IPv4 bytes. */
    static byte[] normalize(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isV4Mapped(bytes)) {
            byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            return v4;
        }
        return bytes;
    }

    /** The address a player is known by: IPv4-mapped IPv6 addresses become plain IPv4. */
    public static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address && isV4Mapped(address.getAddress())) {
            try {
                return InetAddress.getByAddress(normalize(address));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always a valid IPv4 address
            }
        }
        return address;
    }

    private static boolean isV4Mapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    /** Parses an IP literal without ever resolving a host name. */
    static byte[] literal(String host, String context) {
        InetAddress address = parseLiteral(host);
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or range: " + context);
        }
        return address instanceof Inet4Address ? address.getAddress() : normalize(address);
    }

    /** An IPv4 or IPv6 literal, or null when the text is not one (never a DNS lookup). */
    public static InetAddress parseLiteral(String text) {
        if (text == null) {
            return null;
        }
        String host = text.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || isDottedQuad(host))) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%';
            if (!ok) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(host); // a literal: no lookup happens
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!Character.isDigit(part.charAt(i))) {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private record Range(byte[] network, int prefix) {

        boolean matches(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
