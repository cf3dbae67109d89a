package io.gatehouse.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An email address in pieces that a narrow column may put on separate lines: before each "@" and
 * ".", never inside a word. Templates write {@code ~{address :: address(${email})}}.
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
}
