package io.gatehouse.staff;

import io.gatehouse.access.Actor;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/staff")
@Tag(name = "Staff", description = "The vendor's own people (vendor admin only): vendor admins run Gatehouse, "
        + "vendor support works users and requests in every organization")
class StaffController {

    private final StaffMembers staff;

    StaffController(StaffMembers staff) {
        this.staff = staff;
    }

    record CreateStaff(String firstName, String lastName, String email, String password, StaffRole role) {
    }

    record UpdateStaff(StaffRole role) {
    }

    @PostMapping
    @Operation(summary = "Add a staff member with a new account of their own",
            description = "Creates the account (same rules as every account: the password policy, one account per email "
                    + "address) and gives it the staff role. An email address that already belongs to an account is "
                    + "refused with 409, also when that person was staff before or is a member of an organization: an "
                    + "existing account is never appointed, so nobody's customer account becomes a vendor one by accident.")
    ResponseEntity<StaffView> create(Actor actor, @RequestBody CreateStaff body) {
        StaffView created = staff.appoint(actor, new StaffMembers.NewStaff(body.firstName(), body.lastName(), body.email(),
                body.password(), body.role()));
        return ResponseEntity.created(URI.create("/api/v1/staff/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "Every staff member with their role, by name")
    List<StaffView> list(Actor actor) {
        return staff.list(actor);
    }

    @GetMapping("/{userId}")
    StaffView get(Actor actor, @PathVariable String userId) {
        return staff.get(actor, UserId.parse(userId));
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change a staff member's role; never one's own, and the last vendor admin stays one")
    StaffView update(Actor actor, @PathVariable String userId, @RequestBody UpdateStaff body) {
        return staff.changeRole(actor, UserId.parse(userId), body.role());
    }

    @DeleteMapping("/{userId}")
    @Operation(summary = "End a staff role; the account stays. Never one's own, never the last vendor admin's")
    ResponseEntity<Void> remove(Actor actor, @PathVariable String userId) {
        staff.remove(actor, UserId.parse(userId));
        return ResponseEntity.noContent().build();
    }
}
