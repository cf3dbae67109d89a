package io.gatehouse.security.session;

import io.gatehouse.access.Actor;
import io.gatehouse.security.ApiTokens;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Your sessions" in User profile: the person's open portal sessions and API tokens, each to end,
 * and "Sign out everywhere"; and the page the "was this you?" mail's link opens, signed in or not.
 */
@PortalPage
class SessionPages {

    private static final String PAGE = "/account/sessions";

    private final PortalSessions sessions;
    private final ApiTokens tokens;
    private final SessionEndLinks links;
    private final Accounts accounts;
    private final MessageSource messages;

    SessionPages(PortalSessions sessions, ApiTokens tokens, SessionEndLinks links, Accounts accounts, MessageSource messages) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.links = links;
        this.accounts = accounts;
        this.messages = messages;
    }

    /** A session as the page shows it. */
    record Row(String id, String device, String address, Instant startedAt, Instant lastSeenAt, boolean current) {
    }

    @GetMapping(PAGE)
    String page(Actor actor, HttpServletRequest request, Locale locale, Model model) {
        List<Row> rows = sessions.list(actor.userId(), currentSessionId(request)).stream().map(s -> row(s, locale)).toList();
        model.addAttribute("sessions", rows);
        model.addAttribute("others", rows.stream().filter(r -> !r.current()).count());
        model.addAttribute("tokens", tokens.list(actor.userId()));
        return "account/sessions";
    }

    @PostMapping(PAGE + "/{sessionId}/end")
    String end(Actor actor, @PathVariable String sessionId, @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed,
            HttpServletRequest request, Locale locale, Model model, RedirectAttributes redirect) {
        Row row = row(sessions.find(actor.userId(), sessionId, currentSessionId(request)), locale);
        if (!Confirmation.given(confirmed)) {
            return confirm(model, locale, message("sessions.end.title", locale),
                    message("sessions.end.question", locale, row.device(), address(row, locale)),
                    PAGE + "/" + row.id() + "/end", message("sessions.end", locale), List.of());
        }
        sessions.end(actor.ref(), sessionId);
        if (row.current()) {
            return "redirect:/signin?signedOut";
        }
        redirect.addFlashAttribute("notice", message("sessions.ended", locale, row.device()));
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/end-others")
    String endOthers(Actor actor, @RequestParam(required = false) String revokeApiTokens,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, HttpServletRequest request, Locale locale,
            Model model, RedirectAttributes redirect) {
        boolean alsoTokens = "true".equals(revokeApiTokens);
        if (!Confirmation.given(confirmed)) {
            long others = sessions.list(actor.userId(), currentSessionId(request)).stream().filter(s -> !s.current()).count();
            int tokenCount = tokens.list(actor.userId()).size();
            return confirm(model, locale, message("sessions.everywhere.title", locale),
                    alsoTokens ? message("sessions.everywhere.questionWithTokens", locale, others, tokenCount)
                            : message("sessions.everywhere.question", locale, others),
                    PAGE + "/end-others", message(alsoTokens ? "sessions.everywhere.withTokens" : "sessions.everywhere", locale),
                    List.of(new Confirmation.Field("revokeApiTokens", String.valueOf(alsoTokens))));
        }
        PortalSessions.Ended ended = sessions.endOthers(actor.ref(), currentSessionId(request), alsoTokens);
        redirect.addFlashAttribute("notice", message(alsoTokens ? "sessions.everywhere.doneWithTokens" : "sessions.everywhere.done",
                locale, ended.sessions(), ended.apiTokens()));
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/tokens/{tokenId}/revoke")
    String revokeToken(Actor actor, @PathVariable String tokenId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        ApiTokens.TokenView token = tokens.list(actor.userId()).stream().filter(t -> t.id().equals(tokenId)).findFirst()
                .orElseThrow(() -> new NotFoundException("token"));
        if (!Confirmation.given(confirmed)) {
            return confirm(model, locale, message("sessions.token.revoke.title", locale),
                    message("sessions.token.revoke.question", locale, token.name()),
                    PAGE + "/tokens/" + token.id() + "/revoke", message("sessions.token.revoke", locale), List.of());
        }
        tokens.revoke(actor.ref(), tokenId);
        redirect.addFlashAttribute("notice", message("sessions.token.revoked", locale, token.name()));
        return "redirect:" + PAGE;
    }

    // ---- the link of the "was this you?" mail: no sign-in needed, the signature is the proof

    /** Shows the session the link names and asks; opening a link alone ends nothing (mail scanners open links too). */
    @GetMapping(SessionEndLinks.PATH)
    String link(@RequestParam(required = false) String session, @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature, Locale locale, Model model, HttpServletResponse response) {
        Optional<PortalSessions.SessionView> open = links.verify(session, expires, signature).flatMap(sessions::open);
        if (open.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("state", "invalid");
            return "account/session-end-link";
        }
        model.addAttribute("state", "ask");
        model.addAttribute("facts", row(open.get(), locale));
        model.addAttribute("link", new LinkFields(session, expires, signature));
        return "account/session-end-link";
    }

    record LinkFields(String session, String expires, String signature) {
    }

    @PostMapping(SessionEndLinks.PATH)
    String endByLink(@RequestParam(required = false) String session, @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature, Locale locale, Model model, HttpServletResponse response) {
        Optional<PortalSessions.SessionView> ended = links.verify(session, expires, signature)
                .flatMap(id -> sessions.endByLink(id, this::owner));
        if (ended.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("state", "invalid");
            return "account/session-end-link";
        }
        model.addAttribute("state", "ended");
        model.addAttribute("facts", row(ended.get(), locale));
        return "account/session-end-link";
    }

    private ActorRef owner(io.gatehouse.shared.UserId id) {
        AccountView account = accounts.find(id);
        String name = (account.firstName() + " " + account.lastName()).strip();
        return new ActorRef(id, (name.isEmpty() ? "" : name + " ") + "<" + account.email() + ">");
    }

    private String confirm(Model model, Locale locale, String title, String question, String action, String yes,
            List<Confirmation.Field> fields) {
        model.addAttribute("confirmation", new Confirmation(title, question, action, fields, yes, PAGE,
                List.of(new Confirmation.Field(message("nav.profile", locale), "/profile"),
                        new Confirmation.Field(message("sessions.title", locale), PAGE))));
        return "confirm";
    }

    private Row row(PortalSessions.SessionView session, Locale locale) {
        return new Row(session.id(), session.device().label(messages, locale), session.address(), session.startedAt(),
                session.lastSeenAt(), session.current());
    }

    private String address(Row row, Locale locale) {
        return row.address() == null ? message("sessions.address.unknown", locale) : row.address();
    }

    private String message(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, locale);
    }

    static String currentSessionId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }
}
