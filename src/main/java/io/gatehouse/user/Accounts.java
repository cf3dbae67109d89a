package io.gatehouse.user;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.IdentityField;
import io.gatehouse.access.MemberAccessChanged;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.Staff;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountEvents.AccountDisabled;
import io.gatehouse.user.AccountEvents.AccountIdentityChanged;
import io.gatehouse.user.AccountEvents.PasswordChanged;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class Accounts {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final AccessPolicy policy;
    private final Memberships memberships;
    private final Staff staff;
    private final EmailChanges emailChanges;
    private final OrganizationLock lock;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AccountRows rows;

    Accounts(UserAccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, AccessPolicy policy,
            Memberships memberships, Staff staff, EmailChanges emailChanges, OrganizationLock lock,
            ApplicationEventPublisher events, Clock clock, AccountRows rows) {
        this.accounts = accounts;
        this.rows = rows;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.policy = policy;
        this.memberships = memberships;
        this.staff = staff;
        this.emailChanges = emailChanges;
        this.lock = lock;
        this.events = events;
        this.clock = clock;
    }

    /** Checks a new account's fields and password without creating anything. */
    @Transactional(readOnly = true)
    public void validateNew(NewAccount account) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        passwordPolicy.violations(account.password(), account.email())
                .forEach(code -> errors.add(new InvalidInputException.FieldError("password", code,
                        List.of(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH))));
        timeZoneError(account.timeZone()).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String login = account.login() == null ? account.email() : account.login();
        if (accounts.existsByEmailKey(UserAccount.key(account.email()))) {
            throw new ConflictException("email", "conflict.account.email");
        }
        if (accounts.existsByLoginKey(UserAccount.key(login))) {
            throw new ConflictException("login", "conflict.account.login");
        }
    }

    public AccountView create(ActorRef by, NewAccount account) {
        validateNew(account);
        UserAccount created = accounts.save(new UserAccount(account, passwordEncoder.encode(account.password()), clock.instant()));
        events.publishEvent(new Audited(by, null, "user.created", "user", created.id().toString(), null, created.snapshot()));
        return AccountView.of(created);
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return accounts.findByEmailKey(UserAccount.key(email)).map(AccountView::of);
    }

    /** An account with no policy check, for features that have already decided the caller may see it. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public AccountView find(UserId id) {
        return rows.find(id.value()).map(AccountRows.AccountRow::account).orElseThrow(() -> new NotFoundException("user"));
    }

    @Transactional(readOnly = true)
    public AccountView get(Actor actor, UserId id) {
        AccountView account = find(id);
        if (policy.viewAccount(actor, id, memberships.of(id)).denied()) {
            throw new NotFoundException("user");
        }
        return account;
    }

    /**
     * A change to an account. An email change by anyone but the vendor admin waits for the new
     * address to confirm it ({@link AccountUpdate#pendingEmail()}); the other fields apply at once.
     */
    public AccountUpdate update(Actor requester, UserId id, AccountChanges changes) {
        // Disabling may take away an organization's last active Manager, and enabling hands access back:
        // both are decided under the locks of all the person's organizations, on the actor as they are now.
        Actor actor = changes.disabled() != null ? lock.lockOrganizationsOf(requester, id) : requester;
        UserAccount account = load(id);
        List<MemberFacts> targetMemberships = memberships.of(id);
        if (policy.viewAccount(actor, id, targetMemberships).denied()) {
            throw new NotFoundException("user");
        }
        boolean targetIsStaff = staff.roleOf(id).isPresent();
        // A vendor staff account joined to an organization is still the vendor's: that
        // organization's admins may not rename, re-address or disable it.
        if (!actor.isVendorStaff() && !actor.isSelf(id) && targetIsStaff) {
            throw new ForbiddenException("policy.vendorAdminOnly");
        }
        if (changes.touchesIdentity() || changes.language() != null || changes.dateFormat() != null || changes.timeZone() != null) {
            policy.editAccount(actor, id, targetMemberships).orThrow();
        }
        String newEmail = changes.email() != null && !UserAccount.key(changes.email()).equals(UserAccount.key(account.email()))
                ? changes.email().strip() : null;
        if (newEmail != null) {
            policy.changeIdentity(actor, id, targetMemberships, targetIsStaff, IdentityField.EMAIL).orThrow();
        }
        if (changes.disabled() != null && changes.disabled() != account.disabled()) {
            policy.disableAccount(actor, id, targetMemberships, changes.disabled()).orThrow();
        }
        if (newEmail == null) {
            return new AccountUpdate(apply(actor.ref(), account, changes, targetMemberships), null);
        }
        if (accounts.existsByEmailKeyAndIdNot(UserAccount.key(newEmail), account.id())) {
            throw new ConflictException("email", "conflict.account.email");
        }
        String oldEmail = account.email();
        if (!policy.confirmsNewAddress(actor)) {
            AccountView changed = apply(actor.ref(), account, changes, targetMemberships);
            emailChanges.cancelOpen(id);
            emailChanges.notifyOldAddress(load(id), oldEmail, newEmail, actor.ref(), false);
            return new AccountUpdate(changed, null);
        }
        AccountView changed = apply(actor.ref(), account, changes.withoutEmail(), targetMemberships);
        UserAccount current = load(id);
        emailChanges.start(current, newEmail, actor.ref());
        emailChanges.notifyOldAddress(current, oldEmail, newEmail, actor.ref(), true);
        audit(actor.ref(), targetMemberships, "user.emailChangeRequested", current, Map.of("email", oldEmail), Map.of("email", newEmail));
        return new AccountUpdate(changed, newEmail);
    }

    /** The new address an email change of this account waits for, if one does. */
    @Transactional(readOnly = true)
    public Optional<String> pendingEmail(UserId id) {
        return emailChanges.pendingFor(id);
    }

    /** What an account change did: the account as it is now, and the address waiting for its confirmation. */
    public record AccountUpdate(AccountView account, String pendingEmail) {
    }

    /** A person's own profile and preferences; status is not theirs to change, a new email waits for its confirmation. */
    public AccountUpdate updateOwn(Actor actor, AccountChanges changes) {
        if (changes.disabled() != null) {
            throw InvalidInputException.of("disabled", "validation.notChangeableHere");
        }
        return update(actor, actor.userId(), changes);
    }

    public void delete(Actor requester, UserId id) {
        Actor actor = lock.lockOrganizationsOf(requester, id);
        UserAccount account = load(id);
        List<MemberFacts> targetMemberships = memberships.of(id);
        if (policy.viewAccount(actor, id, targetMemberships).denied()) {
            throw new NotFoundException("user");
        }
        policy.deleteAccount(actor, id, targetMemberships).orThrow();
        Map<String, Object> before = account.snapshot();
        events.publishEvent(new AccountDisabled(id));
        memberships.accountChanged(id, MemberAccessChanged.Change.ACCOUNT_DELETED);
        audit(actor.ref(), targetMemberships, "user.deleted", account, before, null);
        events.publishEvent(new AccountEvents.AccountDeleted(id));
        accounts.delete(account);
    }

    /**
     * An account for an invited address, waiting for its owner to register: no name, no password,
     * the language of the invitation. The caller has checked that no account has this address.
     */
    public AccountView invite(ActorRef by, String email, Language language) {
        if (accounts.existsByEmailKey(UserAccount.key(email)) || accounts.existsByLoginKey(UserAccount.key(email))) {
            throw new ConflictException("email", "conflict.account.email");
        }
        UserAccount created = accounts.save(UserAccount.invited(email, language, clock.instant()));
        events.publishEvent(new Audited(by, null, "user.invited", "user", created.id().toString(), null, created.snapshot()));
        return AccountView.of(created);
    }

    /** What a person types to register through an invitation. */
    public record Registration(String firstName, String lastName, String password, Language language, boolean termsAccepted) {
    }

    /**
     * The invited person becomes an active account with their own name and password. Checked as
     * a whole first: nothing changes unless every field is right.
     */
    public AccountView register(UserId id, Registration registration) {
        UserAccount account = load(id);
        if (!account.invited()) {
            throw new ConflictException("token", "conflict.invitation.used");
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        requiredName("firstName", registration.firstName(), errors);
        requiredName("lastName", registration.lastName(), errors);
        passwordPolicy.violations(registration.password(), account.email())
                .forEach(code -> errors.add(new InvalidInputException.FieldError("password", code,
                        List.of(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH))));
        if (registration.language() == null) {
            errors.add(new InvalidInputException.FieldError("language", "validation.required"));
        }
        if (!registration.termsAccepted()) {
            errors.add(new InvalidInputException.FieldError("terms", "validation.terms.required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<String, Object> before = account.snapshot();
        account.register(registration.firstName(), registration.lastName(), passwordEncoder.encode(registration.password()),
                registration.language(), clock.instant());
        account = accounts.save(account);
        ActorRef self = new ActorRef(new UserId(account.id()), account.firstName() + " " + account.lastName() + " <" + account.email() + ">");
        audit(self, memberships.of(new UserId(account.id())), "user.registered", account, before, account.snapshot());
        events.publishEvent(new AccountIdentityChanged(new UserId(account.id()), account.firstName(), account.lastName(),
                account.email(), account.login()));
        return AccountView.of(account);
    }

    /** A new password chosen through a reset link; every open session of the account ends. */
    public void resetPassword(UserId id, String newPassword) {
        UserAccount account = load(id);
        passwordPolicy.require("password", newPassword, account.email());
        account.changePassword(passwordEncoder.encode(newPassword));
        accounts.save(account);
        ActorRef self = new ActorRef(new UserId(account.id()), account.firstName() + " " + account.lastName() + " <" + account.email() + ">");
        audit(self, memberships.of(id), "user.passwordReset", account, null, null);
        events.publishEvent(new PasswordChanged(id));
    }

    /**
     * The operator's way back in when the vendor admin's password is lost: set at start-up by whoever
     * runs the server, without the current one. Every session and API token of the account ends.
     */
    public void resetByOperator(UserId id, String newPassword) {
        UserAccount account = load(id);
        if (account.invited()) {
            throw InvalidInputException.of("password", "validation.password.invitedAccount");
        }
        passwordPolicy.require("password", newPassword, account.email());
        account.changePassword(passwordEncoder.encode(newPassword));
        accounts.save(account);
        audit(ActorRef.SYSTEM, memberships.of(id), "user.passwordSetAtStart", account, null, null);
        events.publishEvent(new PasswordChanged(id));
    }

    /** An invited account nobody registered and nothing else holds: it goes when its last invitation is revoked. */
    public void forgetInvited(ActorRef by, UserId id) {
        accounts.findById(id.value()).filter(UserAccount::invited).ifPresent(account -> {
            if (memberships.of(id).isEmpty()) {
                events.publishEvent(new Audited(by, null, "user.deleted", "user", account.id().toString(), account.snapshot(), null));
                accounts.delete(account);
            }
        });
    }

    private static void requiredName(String field, String value, List<InvalidInputException.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new InvalidInputException.FieldError(field, "validation.required"));
        } else if (value.strip().length() > 100) {
            errors.add(new InvalidInputException.FieldError(field, "validation.tooLong", List.of(100)));
        }
    }

    /** An account and the terms of use its owner accepted (empty until they register), read in one statement. */
    public record AccountWithTerms(AccountView account, Optional<TermsOfUse> terms) {
    }

    @Transactional(readOnly = true)
    public Optional<AccountWithTerms> findWithTerms(UserId id) {
        return rows.find(id.value()).map(row -> new AccountWithTerms(row.account(), row.terms()));
    }

    /** The terms of use the person accepted and when; empty for someone who has not registered. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<TermsOfUse> termsAccepted(UserId id) {
        return rows.find(id.value()).flatMap(AccountRows.AccountRow::terms);
    }

    /** The organization the person last chose to work on; never shown to anyone else. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<OrganizationId> preferredOrganization(UserId id) {
        return rows.find(id.value()).flatMap(AccountRows.AccountRow::preferredOrganization).map(OrganizationId::new);
    }

    public void rememberOrganization(UserId id, OrganizationId organization) {
        accounts.findById(id.value()).ifPresent(account -> {
            if (!organization.value().equals(account.preferredOrganizationId())) {
                account.preferOrganization(organization.value());
                accounts.save(account);
            }
        });
    }

    public void recordSignIn(UserId id) {
        accounts.findById(id.value()).ifPresent(account -> {
            account.signedIn(clock.instant());
            accounts.save(account);
        });
    }

    /** After a successful sign-in: a password stored at an older cost is hashed again at today's. */
    public void upgradeHash(UserId id, String storedHash, String rawPassword) {
        if (passwordEncoder.upgradeEncoding(storedHash)) {
            accounts.findById(id.value()).ifPresent(account -> {
                account.changePassword(passwordEncoder.encode(rawPassword));
                accounts.save(account);
            });
        }
    }

    @Transactional(readOnly = true)
    public boolean isActive(UserId id) {
        return accounts.findById(id.value()).map(UserAccount::active).orElse(false);
    }

    /** What sign-in needs: the id, the stored hash and whether the account may act. */
    public record Credentials(UserId userId, String email, String passwordHash, boolean active) {
    }

    @Transactional(readOnly = true)
    public Optional<Credentials> credentials(String emailOrLogin) {
        // A name no account can hold (a NUL byte, half a surrogate pair) is nobody: PostgreSQL would refuse the query.
        if (emailOrLogin == null || emailOrLogin.isBlank() || io.gatehouse.shared.InputLimits.refused(emailOrLogin, false)) {
            return Optional.empty();
        }
        // An invited account has no password until its owner registers: nothing to sign in with.
        return accounts.findByEmailKey(UserAccount.key(emailOrLogin))
                .filter(a -> a.passwordHash() != null)
                .map(a -> new Credentials(new UserId(a.id()), a.email(), a.passwordHash(), a.active()));
    }

    private AccountView apply(ActorRef by, UserAccount account, AccountChanges changes, List<MemberFacts> organizations) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        timeZoneError(changes.timeZone()).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<String, Object> before = account.snapshot();
        if (changes.email() != null && accounts.existsByEmailKeyAndIdNot(UserAccount.key(changes.email()), account.id())) {
            throw new ConflictException("email", "conflict.account.email");
        }
        if (changes.firstName() != null || changes.lastName() != null) {
            account.rename(changes.firstName() != null ? changes.firstName() : account.firstName(),
                    changes.lastName() != null ? changes.lastName() : account.lastName());
        }
        if (changes.email() != null) {
            account.readdress(changes.email(), accounts.existsByLoginKeyAndIdNot(UserAccount.key(changes.email()), account.id()));
        }
        if (changes.position() != null) {
            account.movePosition(changes.position());
        }
        if (changes.language() != null || changes.dateFormat() != null || changes.timeZone() != null) {
            account.prefer(changes.language() != null ? changes.language() : account.language(),
                    changes.dateFormat() != null ? changes.dateFormat() : account.dateFormat(),
                    changes.timeZone() != null ? changes.timeZone().strip() : account.timeZone());
        }
        boolean disabledNow = false;
        if (changes.disabled() != null) {
            if (changes.disabled() && !account.disabled()) {
                account.disable();
                disabledNow = true;
            } else if (!changes.disabled() && account.disabled()) {
                memberships.admitEnabled(new UserId(account.id()));
                account.enable();
            }
        }
        Map<String, Object> after = account.snapshot();
        if (before.equals(after)) {
            return AccountView.of(account);
        }
        account = accounts.save(account);
        String action = disabledNow ? "user.disabled"
                : !before.get("status").equals(after.get("status")) ? "user.enabled" : "user.updated";
        audit(by, organizations, action, account, before, after);
        if (!before.get("firstName").equals(after.get("firstName")) || !before.get("lastName").equals(after.get("lastName"))
                || !before.get("email").equals(after.get("email")) || !before.get("login").equals(after.get("login"))) {
            events.publishEvent(new AccountIdentityChanged(new UserId(account.id()), account.firstName(), account.lastName(),
                    account.email(), account.login()));
        }
        if (disabledNow) {
            events.publishEvent(new AccountDisabled(new UserId(account.id())));
            memberships.accountChanged(new UserId(account.id()), MemberAccessChanged.Change.ACCOUNT_DISABLED);
        }
        return AccountView.of(account);
    }

    /** An account belongs to every organization the person is in: each of them sees the entry. */
    private void audit(ActorRef by, List<MemberFacts> organizations, String action, UserAccount account,
            Map<String, Object> before, Map<String, Object> after) {
        Audited.inEach(organizations.stream().map(MemberFacts::organizationId).toList(), by, action, "user", account.id().toString(), before, after)
                .forEach(events::publishEvent);
    }

    private UserAccount load(UserId id) {
        return accounts.findById(id.value()).orElseThrow(() -> new NotFoundException("user"));
    }

    private static Optional<InvalidInputException.FieldError> timeZoneError(String zone) {
        if (zone == null) {
            return Optional.empty();
        }
        try {
            ZoneId.of(zone.strip());
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of(new InvalidInputException.FieldError("timeZone", "validation.timeZone.unknown"));
        }
    }
}
