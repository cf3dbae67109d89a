package io.gatehouse.security.session;

import io.gatehouse.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/sessions")
@Tag(name = "Me")
class SessionController {

    private final PortalSessions sessions;
    private final MessageSource messages;

    SessionController(PortalSessions sessions, MessageSource messages) {
        this.sessions = sessions;
        this.messages = messages;
    }

    /**
     * One open portal session.
     *
     * @param device          browser and operating system in the caller's language, e.g. "Firefox on Windows"
     * @param browser         null when the browser did not say
     * @param operatingSystem null when the browser did not say
     * @param address         the client address at sign-in
     * @param current         the session this call came with
     */
    record SessionJson(String id, String device, String browser, String operatingSystem, String address, Instant startedAt,
            Instant lastSeenAt, boolean current) {
    }

    record EndedJson(int sessionsEnded, int apiTokensRevoked) {
    }

    @GetMapping
    @Operation(summary = "Your open portal sessions, the most recently used first",
            description = "Personal API tokens, with when and from where each was last used, are listed by GET /api/v1/me/tokens.")
    List<SessionJson> list(Actor actor, HttpServletRequest request, Locale locale) {
        return sessions.list(actor.userId(), SessionPages.currentSessionId(request)).stream().map(s -> json(s, locale)).toList();
    }

    @DeleteMapping("/{sessionId}")
    @Operation(summary = "End one of your portal sessions at once; its browser is signed out on its next request")
    @ApiResponse(responseCode = "204", description = "Ended")
    @ApiResponse(responseCode = "404", description = "No such session of yours (another person's sessions are never found)")
    ResponseEntity<Void> end(Actor actor, @PathVariable String sessionId) {
        sessions.end(actor.ref(), sessionId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    @Operation(summary = "Sign out everywhere: end every portal session but the one making this call",
            description = "With revokeApiTokens=true every personal API token is revoked too (the one making this call included).")
    EndedJson endOthers(Actor actor, HttpServletRequest request,
            @Parameter(description = "Also revoke every personal API token") @RequestParam(defaultValue = "false") boolean revokeApiTokens) {
        PortalSessions.Ended ended = sessions.endOthers(actor.ref(), SessionPages.currentSessionId(request), revokeApiTokens);
        return new EndedJson(ended.sessions(), ended.apiTokens());
    }

    private SessionJson json(PortalSessions.SessionView session, Locale locale) {
        Device device = session.device();
        return new SessionJson(session.id(), device.label(messages, locale), device.browser(), device.system(), session.address(),
                session.startedAt(), session.lastSeenAt(), session.current());
    }
}
