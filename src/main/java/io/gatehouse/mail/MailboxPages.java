package io.gatehouse.mail;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.PortalPage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The vendor admin's Mailbox: every mail of the outbox, newest first. Without a mail server it is
 * where mail arrives, so one machine is enough to invite someone and follow the link.
 */
@PortalPage
class MailboxPages {

    static final int PAGE_SIZE = 50;

    /**
     * The mail's own HTML runs in a sandbox: no script, no form, no request anywhere, and an origin
     * of its own, so it can never act on the portal. Inline styles are how mail is styled. Browsers
     * follow frame-ancestors here over the portal-wide X-Frame-Options: DENY, so the Mailbox page may frame it.
     */
    static final String HTML_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private final Outbox outbox;
    private final MailDispatcher dispatcher;
    private final MailSettings settings;

    MailboxPages(Outbox outbox, MailDispatcher dispatcher, MailSettings settings) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    /** A piece of the plain-text part: text, or an address to show as a link. */
    record TextPart(String text, boolean link) {
    }

    @GetMapping("/admin/mailbox")
    String list(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String page,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        vendorAdminOnly(actor);
        String search = q == null ? "" : q.strip();
        PageResult<OutboxMail> result = outbox.list(search, new PageRequest(pageNumber(page), PAGE_SIZE));
        model.addAttribute("result", result);
        model.addAttribute("pages", Math.max(1, (result.total() + result.size() - 1) / result.size()));
        model.addAttribute("q", search);
        model.addAttribute("smtp", dispatcher.smtp());
        return "true".equals(htmx) ? "admin/mailbox :: results" : "admin/mailbox";
    }

    @GetMapping("/admin/mailbox/{id}")
    String mail(Actor actor, @PathVariable String id, Model model) {
        vendorAdminOnly(actor);
        OutboxMail mail = find(id);
        model.addAttribute("mail", mail);
        model.addAttribute("from", settings.from());
        model.addAttribute("messageId", dispatcher.messageId(mail.id()));
        model.addAttribute("text", parts(mail.text()));
        return "admin/mail";
    }

    @GetMapping("/admin/mailbox/{id}/html")
    ResponseEntity<String> html(Actor actor, @PathVariable String id) {
        vendorAdminOnly(actor);
        OutboxMail mail = find(id);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", HTML_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(mail.html());
    }

    /** Mail holds links that let anyone who reads it join an organization: it is for the vendor admin alone. */
    private static void vendorAdminOnly(Actor actor) {
        if (!actor.isVendorAdmin()) {
            throw new ForbiddenException("policy.vendorAdminOnly");
        }
    }

    private OutboxMail find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("mail");
        }
        return outbox.find(uuid).orElseThrow(() -> new NotFoundException("mail"));
    }

    /** Splits text into plain pieces and web addresses; a full stop or bracket right after an address is text. */
    static List<TextPart> parts(String text) {
        List<TextPart> parts = new ArrayList<>();
        Matcher matcher = URL.matcher(text == null ? "" : text);
        int at = 0;
        while (matcher.find()) {
            String url = matcher.group();
            int end = url.length();
            while (end > 0 && ".,;:!?)]}'’”".indexOf(url.charAt(end - 1)) >= 0) {
                end--;
            }
            url = url.substring(0, end);
            if (matcher.start() > at) {
                parts.add(new TextPart(text.substring(at, matcher.start()), false));
            }
            parts.add(new TextPart(url, true));
            at = matcher.start() + end;
        }
        if (at < (text == null ? 0 : text.length())) {
            parts.add(new TextPart(text.substring(at), false));
        }
        return parts;
    }

    private static int pageNumber(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
