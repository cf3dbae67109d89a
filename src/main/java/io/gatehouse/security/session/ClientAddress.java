package io.gatehouse.security.session;

import java.util.Locale;

/**
 * A client address as it is kept and shown: an IPv6 address in its short form (RFC 5952: "::1",
 * not "0:0:0:0:0:0:0:1", as the servlet container gives it), at most 64 characters.
 */
public final class ClientAddress {

    static final int MAX = 64;

    private ClientAddress() {
    }

    public static String of(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String address = raw.strip();
        if (address.matches("[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4}){7}")) {
            address = shortened(address.toLowerCase(Locale.ROOT).split(":"));
        }
        return address.length() > MAX ? address.substring(0, MAX) : address;
    }

    /** Leading zeros dropped, and the longest run of two or more zero groups (the first of equals) written "::". */
    private static String shortened(String[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            groups[i] = groups[i].replaceFirst("^0+(?=.)", "");
        }
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
