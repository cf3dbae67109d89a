package io.gatehouse.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * An email address in pieces that a narrow column may put on separate lines: before each "@" and
 * ".", never inside a word. Templates write {@code ~{address :: address(${email})}}; a table of
 * many rows shows the {@link #html} of each address its rows hold instead, which is one expression.
 */
@Component("addresses")
public class Addresses {

    public List<String> parts(String address) {
        List<String> parts = new ArrayList<>();
        if (address == null || address.isEmpty()) {
            return parts;
        }
        int start = 0;
        for (int i = 1; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '@' || c == '.') {
                parts.add(address.substring(start, i));
                start = i;
            }
        }
        parts.add(address.substring(start));
        return parts;
    }

    /** The parts escaped and joined with {@code <wbr>}: what the fragment writes, as one string. */
    public static String html(String address) {
        StringBuilder html = new StringBuilder();
        for (String part : new Addresses().parts(address)) {
            if (!html.isEmpty()) {
                html.append("<wbr>");
            }
            html.append(HtmlUtils.htmlEscape(part, "UTF-8"));
        }
        return html.toString();
    }
}
