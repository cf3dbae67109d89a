package io.gatehouse.nodes;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the cluster's SMTP server received, by recipient: the Message-ID of each message, in arrival order. */
final class ReceivedMail {

    private ReceivedMail() {
    }

    static Map<String, List<String>> messageIdsByRecipient(GreenMail smtp) throws MessagingException {
        Map<String, List<String>> byRecipient = new LinkedHashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            if (to == null) {
                continue;
            }
            for (Address address : to) {
                String recipient = address.toString().replaceAll(".*<([^>]+)>.*", "$1").toLowerCase(Locale.ROOT);
                byRecipient.computeIfAbsent(recipient, k -> new ArrayList<>()).add(message.getMessageID());
            }
        }
        return byRecipient;
    }

    /** Waits until every recipient has at least one message; returns what arrived for them then. */
    static Map<String, List<String>> awaitEach(GreenMail smtp, Collection<String> recipients, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Map<String, List<String>> received = messageIdsByRecipient(smtp);
            List<String> missing = recipients.stream().filter(r -> !received.containsKey(r.toLowerCase(Locale.ROOT))).toList();
            if (missing.isEmpty()) {
                Map<String, List<String>> theirs = new LinkedHashMap<>();
                recipients.forEach(r -> theirs.put(r, received.get(r.toLowerCase(Locale.ROOT))));
                return theirs;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No mail within " + within + " for " + missing.size() + " of " + recipients.size() + ": " + missing);
            }
            Thread.sleep(100);
        }
    }
}
