package io.gatehouse.user;

import io.gatehouse.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "Your own profile, preferences and password")
class MeController {

    private final Accounts accounts;
    private final AccountPasswords passwords;

    MeController(Accounts accounts, AccountPasswords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    record UpdateMe(
            @Size(min = 1, max = 100, message = "{validation.size.range}") @Pattern(regexp = ".*\\S.*", message = "{validation.required}") String firstName,
            @Size(min = 1, max = 100, message = "{validation.size.range}") @Pattern(regexp = ".*\\S.*", message = "{validation.required}") String lastName,
            @Email(message = "{validation.email}") @Size(max = 254, message = "{validation.size.max}") @Pattern(regexp = ".+@.+", message = "{validation.email}") String email,
            @Size(max = 200, message = "{validation.size.max}") String position,
            Language language,
            DateFormat dateFormat,
            String timeZone) {
    }

    /** revokeApiTokens: false keeps the account's personal API tokens working (by default they end with the old password). */
    record ChangePassword(@NotBlank(message = "{validation.required}") String currentPassword,
            @NotBlank(message = "{validation.required}") String newPassword, Boolean revokeApiTokens) {
    }

    @GetMapping
    AccountView me(Actor actor) {
        return accounts.find(actor.userId());
    }

    @PatchMapping
    @Operation(summary = "Change your own name, email, position, language, date format or time zone",
            description = "A new email answers 202 Accepted with pendingEmail: it takes effect once the link sent to it is confirmed.")
    ResponseEntity<?> update(Actor actor, @Valid @RequestBody UpdateMe body) {
        Accounts.AccountUpdate update = accounts.updateOwn(actor, new AccountChanges(body.firstName(), body.lastName(), body.email(),
                body.position(), null, body.language(), body.dateFormat(), body.timeZone()));
        if (update.pendingEmail() != null) {
            return ResponseEntity.accepted().body(UserController.PendingUpdate.of(update.account(), update.pendingEmail()));
        }
        return ResponseEntity.ok(update.account());
    }

    @PostMapping("/password")
    @Operation(summary = "Change your password; the current one is required",
            description = "Every other session of the account ends. Its personal API tokens end too unless revokeApiTokens is false.")
    ResponseEntity<Void> changePassword(Actor actor, @Valid @RequestBody ChangePassword body) {
        passwords.changeOwn(actor, body.currentPassword(), body.newPassword(), !Boolean.FALSE.equals(body.revokeApiTokens()));
        return ResponseEntity.noContent().build();
    }
}
