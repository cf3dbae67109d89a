package io.gatehouse.user;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Accounts: one person across organizations")
class UserController {

    private final Accounts accounts;
    private final AccountPasswords passwords;

    UserController(Accounts accounts, AccountPasswords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    record SetPassword(@NotBlank(message = "{validation.required}") String password) {
    }

    record UpdateUser(
            @Size(min = 1, max = 100, message = "{validation.size.range}") @Pattern(regexp = ".*\\S.*", message = "{validation.required}") String firstName,
            @Size(min = 1, max = 100, message = "{validation.size.range}") @Pattern(regexp = ".*\\S.*", message = "{validation.required}") String lastName,
            @Email(message = "{validation.email}") @Size(max = 254, message = "{validation.size.max}") @Pattern(regexp = ".+@.+", message = "{validation.email}") String email,
            @Size(max = 200, message = "{validation.size.max}") String position,
            Boolean disabled,
            Language language,
            DateFormat dateFormat,
            String timeZone) {

        AccountChanges changes() {
            return new AccountChanges(firstName, lastName, email, position, disabled, language, dateFormat, timeZone);
        }
    }

    @GetMapping("/{userId}")
    AccountView get(Actor actor, @PathVariable String userId) {
        return accounts.get(actor, UserId.parse(userId));
    }

    /** The account after a change that waits for a new address to confirm it: {@code pendingEmail} is that address. */
    record PendingUpdate(String userId, String firstName, String lastName, String email, String login, String position,
            AccountStatus status, Language language, DateFormat dateFormat, String timeZone, Instant createdAt, Instant lastSignInAt,
            String pendingEmail) {

        static PendingUpdate of(AccountView a, String pendingEmail) {
            return new PendingUpdate(a.userId(), a.firstName(), a.lastName(), a.email(), a.login(), a.position(), a.status(),
                    a.language(), a.dateFormat(), a.timeZone(), a.createdAt(), a.lastSignInAt(), pendingEmail);
        }
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change a person's properties, or disable the account everywhere (\"Disabled\")",
            description = "A new email takes effect at once only for the vendor admin. From anyone else (the person themselves, "
                    + "an organization admin of a person fully within their reach, vendor support) the answer is 202 Accepted with "
                    + "pendingEmail: a single-use link went to the new address, valid 24 hours, and the current address was told; "
                    + "the email changes when the link is confirmed. The other fields are saved at once either way.")
    @ApiResponse(responseCode = "200", description = "Saved")
    @ApiResponse(responseCode = "202", description = "Saved; the new email waits for its confirmation (pendingEmail)")
    ResponseEntity<?> update(Actor actor, @PathVariable String userId, @Valid @RequestBody UpdateUser body) {
        Accounts.AccountUpdate update = accounts.update(actor, UserId.parse(userId), body.changes());
        if (update.pendingEmail() != null) {
            return ResponseEntity.accepted().body(PendingUpdate.of(update.account(), update.pendingEmail()));
        }
        return ResponseEntity.ok(update.account());
    }

    @PutMapping("/{userId}/password")
    @Operation(summary = "Set another person's password (vendor admin)",
            description = "Audited; the person is told by mail, and every session and personal API token of the account ends. "
                    + "Organization admins cannot set passwords: they send a reset link instead.")
    ResponseEntity<Void> setPassword(Actor actor, @PathVariable String userId, @Valid @RequestBody SetPassword body) {
        passwords.set(actor, UserId.parse(userId), body.password());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{userId}/password-reset")
    @Operation(summary = "Send the person a password reset link, to their own address",
            description = "For anyone who may edit the account. The link goes only to the account's email address.")
    ResponseEntity<Void> sendPasswordReset(Actor actor, @PathVariable String userId) {
        passwords.sendReset(actor, UserId.parse(userId));
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/{userId}")
    @Operation(summary = "Delete an account and all its memberships (vendor admin)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String userId) {
        accounts.delete(actor, UserId.parse(userId));
        return ResponseEntity.noContent().build();
    }
}
