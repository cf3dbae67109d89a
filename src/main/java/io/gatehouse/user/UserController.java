package io.gatehouse.user;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Accounts: one person across organizations")
class UserController {

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
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

    @PatchMapping("/{userId}")
    @Operation(summary = "Change a person's properties, or disable the account everywhere (\"Disabled\")")
    AccountView update(Actor actor, @PathVariable String userId, @Valid @RequestBody UpdateUser body) {
        return accounts.update(actor, UserId.parse(userId), body.changes());
    }

    @DeleteMapping("/{userId}")
    @Operation(summary = "Delete an account and all its memberships (vendor admin)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String userId) {
        accounts.delete(actor, UserId.parse(userId));
        return ResponseEntity.noContent().build();
    }
}
