package io.gatehouse.security;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The reverse proxies whose X-Forwarded-For is believed. A proxy appends the address it received
 * the request from, so only the right-hand end of the list is written by someone trusted: read from
 * the right, skip the trusted proxies, and the first address left is the client. Whatever the client
 * wrote further left (anything, to dodge a limit per address) is never reached.
 */
final class TrustedProxies {

    @ConfigurationProperties("gatehouse")
    record Settings(List<String> trustedProxies) {

        Settings {
            trustedProxies = trustedProxies == null ? List.of("127.0.0.0/8", "::1/128") : List.copyOf(trustedProxies);
        }
    }

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<String> networks;
    private final List<IpAddressMatcher> matchers;

    TrustedProxies(List<String> cidrs) {
        List<String> networks = new ArrayList<>();
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String entry : cidrs) {
            String cidr = entry.strip();
            if (cidr.isEmpty()) {
                continue;
            }
            if (!cidr.contains("/")) {
                cidr = cidr + (cidr.contains(":") ? "/128" : "/32");
            }
            try {
                matchers.add(new IpAddressMatcher(cidr));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gatehouse.trusted-proxies: not an address or network: " + entry, e);
            }
            networks.add(cidr);
        }
        this.networks = List.copyOf(networks);
        this.matchers = List.copyOf(matchers);
    }

    /** The networks with their masks, comma-separated, as Tomcat's RemoteIpValve reads CIDR lists. */
    String asCidrList() {
        return String.join(",", networks);
    }

    boolean trusts(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String literal = address.strip();
        if (!looksLikeIpLiteral(literal)) {
            return false;
        }
        for (IpAddressMatcher matcher : matchers) {
            try {
                if (matcher.matches(literal)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    /**
     * The client address: the peer itself unless it is a trusted proxy, else the right-most
     * X-Forwarded-For entry that is not a trusted proxy (the left-most one if all are).
     */
    String client(String peer, Enumeration<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedFor.hasMoreElements()) {
            for (String hop : forwardedFor.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** Literal addresses only: a host name would make the matcher ask the DNS. */
    private static boolean looksLikeIpLiteral(String address) {
        return address.length() <= 45 && (address.matches("[0-9.]+") || (address.contains(":") && address.matches("[0-9A-Fa-f:.]+")));
    }
}
