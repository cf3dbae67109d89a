package io.gatehouse.member;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the few things the tests look for in a rendered page: tags by an attribute they carry. */
final class MemberDetailHtml {

    private static final Pattern TAG = Pattern.compile("<(input|a|button|option|form|select|p|span|h1|summary)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);

    private MemberDetailHtml() {
    }

    /** Every opening tag of the given element name that contains the given text among its attributes. */
    static List<String> tags(String html, String element, String attribute) {
        List<String> found = new ArrayList<>();
        Matcher matcher = TAG.matcher(html);
        while (matcher.find()) {
            String tag = matcher.group();
            if (matcher.group(1).equalsIgnoreCase(element) && tag.contains(attribute)) {
                found.add(tag);
            }
        }
        return found;
    }

    /** The one tag that matches; fails loudly when there is none or several. */
    static String tag(String html, String element, String attribute) {
        List<String> found = tags(html, element, attribute);
        if (found.size() != 1) {
            throw new AssertionError("expected one <" + element + "> with " + attribute + " but found " + found);
        }
        return found.get(0);
    }

    /** The checkbox whose value is this (a right name, a site id, an organization id). */
    static String checkbox(String html, String value) {
        return tag(html, "input", "value=\"" + escape(value) + "\"");
    }

    static boolean checked(String tag) {
        return tag.contains(" checked");
    }

    static boolean disabled(String tag) {
        return tag.contains(" disabled");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
