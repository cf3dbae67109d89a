package io.gatehouse.security.session;

import io.gatehouse.security.SignedLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The link of the "was this you?" mail: it ends one session, named by Spring Session's primary id
 * (which the session keeps when its id changes), signed for that purpose alone and expiring. Once the
 * session has ended the link finds nothing to end, so it works once.
 */
@Component
class SessionEndLinks {

    static final String PATH = "/account/sessions/end-link";
    private static final String PURPOSE = "session-end";
    /** Longer than a session lasts unused (8 hours), as a session kept busy lasts longer. */
    private static final Duration VALID_FOR = Duration.ofDays(7);

    private final SignedLinks links;
    private final Clock clock;

    SessionEndLinks(SignedLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    String link(String sessionId) {
        Instant expires = clock.instant().plus(VALID_FOR);
        return PATH + "?session=" + sessionId + "&expires=" + expires.getEpochSecond() + "&signature="
                + links.sign(PURPOSE, sessionId, expires);
    }

    /** The session the link names, when the link is this server's, unaltered and not expired. */
    Optional<String> verify(String sessionId, String expires, String signature) {
        if (sessionId == null || expires == null || signature == null || sessionId.length() != 36 || expires.length() > 12) {
            return Optional.empty();
        }
        long until;
        try {
            until = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (until < clock.instant().getEpochSecond() || !links.verify(PURPOSE, sessionId, until, signature)) {
            return Optional.empty();
        }
        return Optional.of(sessionId);
    }
}
