package io.gatehouse.user;

import io.gatehouse.shared.UserId;
import java.time.Instant;

public record AccountView(String userId, String firstName, String lastName, String email, String login, String position,
        AccountStatus status, Language language, DateFormat dateFormat, String timeZone, Instant createdAt, Instant lastSignInAt) {

    static AccountView of(UserAccount a) {
        return new AccountView(a.id().toString(), a.firstName(), a.lastName(), a.email(), a.login(), a.position(), a.status(),
                a.language(), a.dateFormat(), a.timeZone(), a.createdAt(), a.lastSignInAt());
    }

    public UserId id() {
        return UserId.parse(userId);
    }

    public boolean disabled() {
        return status == AccountStatus.DISABLED;
    }
}
