package io.gatehouse.staff;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import io.gatehouse.access.Decision;
import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.NewAccount;
import io.gatehouse.user.PasswordPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appointing, changing and removing the vendor's staff. Each change and its audit entry commit
 * together; the account of a removed staff member stays, without staff rights.
 */
@Service
@Transactional
class StaffMembers {

    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Comparator<StaffView> BY_NAME = Comparator
            .comparing((StaffView v) -> v.lastName() == null ? "" : v.lastName().toLowerCase(Locale.ROOT))
            .thenComparing(v -> v.firstName() == null ? "" : v.firstName().toLowerCase(Locale.ROOT))
            .thenComparing(v -> v.email().toLowerCase(Locale.ROOT));

    private final Staff staff;
    private final Actors actors;
    private final Accounts accounts;
    private final PasswordPolicy passwordPolicy;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;

    StaffMembers(Staff staff, Actors actors, Accounts accounts, PasswordPolicy passwordPolicy, AccessPolicy policy,
            ApplicationEventPublisher events) {
        this.staff = staff;
        this.actors = actors;
        this.accounts = accounts;
        this.passwordPolicy = passwordPolicy;
        this.policy = policy;
        this.events = events;
    }

    /** A new staff member: a new account of their own, never an existing one. */
    record NewStaff(String firstName, String lastName, String email, String password, StaffRole role) {

        NewStaff {
            firstName = strip(firstName);
            lastName = strip(lastName);
            email = strip(email);
            password = password == null ? "" : password;
        }

        private static String strip(String value) {
            return value == null ? "" : value.strip();
        }
    }

    /** A staff member with what the actor may do to them, as the policy answers it. */
    record Listed(StaffView member, boolean self, Decision roleChange, Decision removal) {
    }

    @Transactional(readOnly = true)
    List<StaffView> list(Actor actor) {
        policy.manageStaff(actor).orThrow();
        return staff.all().stream().map(this::view).sorted(BY_NAME).toList();
    }

    @Transactional(readOnly = true)
    List<Listed> overview(Actor actor) {
        List<StaffView> members = list(actor);
        long vendorAdmins = members.stream().filter(m -> m.role() == StaffRole.VENDOR_ADMIN).count();
        return members.stream().map(member -> {
            UserId id = UserId.parse(member.id());
            boolean last = member.role() == StaffRole.VENDOR_ADMIN && vendorAdmins == 1;
            StaffRole other = member.role() == StaffRole.VENDOR_ADMIN ? StaffRole.VENDOR_SUPPORT : StaffRole.VENDOR_ADMIN;
            return new Listed(member, actor.isSelf(id), policy.changeStaffRole(actor, id, other, last),
                    policy.removeStaff(actor, id, last));
        }).toList();
    }

    @Transactional(readOnly = true)
    StaffView get(Actor actor, UserId user) {
        policy.manageStaff(actor).orThrow();
        return staff.find(user).map(this::view).orElseThrow(() -> new NotFoundException("staff"));
    }

    StaffView appoint(Actor actor, NewStaff person) {
        policy.manageStaff(actor).orThrow();
        List<FieldError> errors = new ArrayList<>();
        name("firstName", person.firstName(), errors);
        name("lastName", person.lastName(), errors);
        if (person.email().isEmpty()) {
            errors.add(new FieldError("email", "validation.required"));
        } else if (person.email().length() > MAX_EMAIL) {
            errors.add(new FieldError("email", "staff.validation.tooLong", List.of(MAX_EMAIL)));
        } else if (!EMAIL.matcher(person.email()).matches()) {
            errors.add(new FieldError("email", "validation.email"));
        }
        if (person.password().isEmpty()) {
            errors.add(new FieldError("password", "validation.required"));
        } else {
            passwordPolicy.violations(person.password(), person.email()).forEach(code -> errors.add(new FieldError("password",
                    code, List.of(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH))));
        }
        if (person.role() == null) {
            errors.add(new FieldError("role", "validation.required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // Refuses an address another account uses (409): a customer's account never turns into a vendor one by accident.
        AccountView account = accounts.create(actor.ref(),
                new NewAccount(person.firstName(), person.lastName(), person.email(), null, null, person.password()));
        staff.appoint(account.id(), person.role());
        events.publishEvent(new Audited(actor.ref(), null, "staff.appointed", "user", account.userId(), null,
                Map.of("role", person.role().name())));
        return staff.find(account.id()).map(member -> StaffView.of(member, account)).orElseThrow();
    }

    StaffView changeRole(Actor actor, UserId user, StaffRole role) {
        policy.manageStaff(actor).orThrow();
        if (role == null) {
            throw InvalidInputException.of("role", "validation.required");
        }
        Set<UserId> vendorAdmins = staff.lockVendorAdmins();
        Staff.Member current = staff.find(user).orElseThrow(() -> new NotFoundException("staff"));
        policy.changeStaffRole(now(actor), user, role, vendorAdmins.equals(Set.of(user))).orThrow();
        if (current.role() != role) {
            staff.appoint(user, role);
            events.publishEvent(new Audited(actor.ref(), null, "staff.roleChanged", "user", user.toString(),
                    Map.of("role", current.role().name()), Map.of("role", role.name())));
        }
        return get(actor, user);
    }

    void remove(Actor actor, UserId user) {
        policy.manageStaff(actor).orThrow();
        Set<UserId> vendorAdmins = staff.lockVendorAdmins();
        Staff.Member current = staff.find(user).orElseThrow(() -> new NotFoundException("staff"));
        policy.removeStaff(now(actor), user, vendorAdmins.equals(Set.of(user))).orThrow();
        staff.dismiss(user);
        events.publishEvent(new Audited(actor.ref(), null, "staff.removed", "user", user.toString(),
                Map.of("role", current.role().name()), null));
    }

    /**
     * The actor read again once the vendor admins are locked: of two admins demoting each other at
     * the same moment, the second is no longer one when their turn comes.
     */
    private Actor now(Actor actor) {
        return actors.load(actor.userId());
    }

    private StaffView view(Staff.Member member) {
        return StaffView.of(member, accounts.find(member.userId()));
    }

    private static void name(String field, String value, List<FieldError> errors) {
        if (value.isEmpty()) {
            errors.add(new FieldError(field, "validation.required"));
        } else if (value.length() > MAX_NAME) {
            errors.add(new FieldError(field, "staff.validation.tooLong", List.of(MAX_NAME)));
        }
    }
}
