package io.gatehouse.security.factor;

import io.gatehouse.shared.PersonName;
import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Staff;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.security.SecondFactorKind;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's second factors as a whole: which it holds and must hold, enrolling and removing the
 * authenticator app, recovery codes, and a reset by an administrator. Every change is audited and
 * told to the account's address by mail.
 */
@Service
public class SecondFactors {

    /** What the account holds of each kind, its unused recovery codes, and whether it must hold one. */
    public record Status(Map<String, Integer> held, int recoveryCodes, SecondFactorRules.Requirement requirement) {

        public Status {
            held = Map.copyOf(held);
        }

        public int total() {
            return held.values().stream().mapToInt(Integer::intValue).sum();
        }

        public boolean holdsAny() {
            return total() > 0;
        }

        public int of(String kind) {
            return held.getOrDefault(kind, 0);
        }

        /** Must hold one and holds none: enrolment comes before anything else. */
        public boolean mustEnrol() {
            return !holdsAny() && requirement.required();
        }
    }

    private final List<SecondFactorKind> kinds;
    private final AuthenticatorApps apps;
    private final RecoveryCodes recoveryCodes;
    private final SecondFactorRules rules;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Staff staff;
    private final AccessPolicy policy;
    private final Mails mails;
    private final ApplicationEventPublisher events;

    SecondFactors(List<SecondFactorKind> kinds, AuthenticatorApps apps, RecoveryCodes recoveryCodes, SecondFactorRules rules,
            Accounts accounts, Memberships memberships, Staff staff, AccessPolicy policy, Mails mails, ApplicationEventPublisher events) {
        this.kinds = List.copyOf(kinds);
        this.apps = apps;
        this.recoveryCodes = recoveryCodes;
        this.rules = rules;
        this.accounts = accounts;
        this.memberships = memberships;
        this.staff = staff;
        this.policy = policy;
        this.mails = mails;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Status status(UserId account) {
        Map<String, Integer> held = new LinkedHashMap<>();
        for (SecondFactorKind kind : kinds) {
            held.put(kind.name(), kind.enrolled(account));
        }
        return new Status(held, recoveryCodes.remaining(account), rules.requirement(account));
    }

    /** Whether the account holds any second factor or must hold one: a password alone does not sign it in. */
    @Transactional(readOnly = true)
    public boolean passwordIsNotEnough(UserId account) {
        for (SecondFactorKind kind : kinds) {
            if (kind.enrolled(account) > 0) {
                return true;
            }
        }
        return rules.requirement(account).required();
    }

    // ---- the authenticator app, by its owner

    /** A new secret to scan, waiting for its first code; empty when an app is enrolled already. */
    @Transactional
    public Optional<String> beginAuthenticator(UserId account) {
        return apps.begin(account);
    }

    @Transactional(readOnly = true)
    public Optional<String> pendingAuthenticator(UserId account) {
        return apps.pending(account);
    }

    /**
     * Confirms the pending authenticator app with a code from it. The first second factor brings
     * ten recovery codes, returned to be shown once (empty otherwise).
     *
     * @throws InvalidInputException when the code is not the app's current one
     */
    @Transactional
    public List<String> confirmAuthenticator(Actor owner, String code) {
        UserId account = owner.userId();
        boolean first = status(account).total() == 0;
        if (!apps.confirm(account, code)) {
            throw InvalidInputException.of("code", "factors.code.wrong");
        }
        changed(owner.ref(), account, "user.secondFactor.authenticatorAdded", "authenticator-added", null);
        return first ? newRecoveryCodes(owner) : List.of();
    }

    @Transactional
    public void removeAuthenticator(Actor owner) {
        if (apps.enrolled(owner.userId()) == 0) {
            throw new NotFoundException("authenticator");
        }
        apps.removeAll(owner.userId());
        changed(owner.ref(), owner.userId(), "user.secondFactor.authenticatorRemoved", "authenticator-removed", null);
        if (status(owner.userId()).total() == 0) {
            // Recovery codes stand in for a second factor: with none left, they stand in for nothing.
            recoveryCodes.removeAll(owner.userId());
        }
    }

    /** Ten new recovery codes, shown once; the old ones die. Only for an account holding a second factor. */
    @Transactional
    public List<String> newRecoveryCodes(Actor owner) {
        if (status(owner.userId()).total() == 0) {
            throw InvalidInputException.of("recoveryCodes", "factors.recovery.needsFactor");
        }
        List<String> codes = recoveryCodes.replace(owner.userId());
        changed(owner.ref(), owner.userId(), "user.secondFactor.recoveryCodesRenewed", "recovery-codes-renewed", null);
        return codes;
    }

    // ---- the second sign-in step

    /** Whether the code is the account's authenticator app's, unused so far: it is used up now. */
    @Transactional
    public boolean verifyAuthenticator(UserId account, String code) {
        if (!apps.verify(account, code)) {
            return false;
        }
        // Audited, not mailed: a mail at every sign-in would teach people to ignore the ones that matter.
        audited(new ActorRef(account, label(accounts.find(account))), account, "user.secondFactor.authenticatorUsed");
        return true;
    }

    /** Whether the code was one of the account's unused recovery codes (audited and told by mail when it was). */
    @Transactional
    public boolean useRecoveryCode(UserId account, String code) {
        if (!recoveryCodes.use(account, code)) {
            return false;
        }
        AccountView person = accounts.find(account);
        changed(new ActorRef(account, label(person)), account, "user.secondFactor.recoveryCodeUsed", "recovery-code-used", null);
        return true;
    }

    // ---- a reset by an administrator

    /** Whose factors a reset would remove, and whether this actor may: the person must be a member of the organization. */
    public record ResetTarget(UserId user, String name, io.gatehouse.access.Decision decision) {
    }

    /**
     * The member of {@code organization} a reset would concern, with the actor's right to it.
     *
     * @throws NotFoundException when the person is not a member there, or the actor sees nothing of the organization
     */
    @Transactional(readOnly = true)
    public ResetTarget resetTarget(Actor actor, OrganizationId organization, UserId target) {
        List<MemberFacts> targetMemberships = memberships.of(target);
        if (targetMemberships.stream().noneMatch(m -> m.organizationId().equals(organization))
                || !actor.isVendorStaff() && actor.in(organization).isEmpty()) {
            throw new NotFoundException("member");
        }
        return new ResetTarget(target, label(accounts.find(target)),
                policy.resetSecondFactors(actor, organization, target, targetMemberships, staff.roleOf(target).isPresent()));
    }

    /**
     * Removes every second factor and recovery code of a member of {@code organization}, for a
     * person who lost theirs: audited, and told to the person by mail.
     *
     * @throws NotFoundException when the person is not a member there (see {@link #resetTarget})
     */
    @Transactional
    public ResetTarget reset(Actor actor, OrganizationId organization, UserId target) {
        return removeAll(actor, resetTarget(actor, organization, target));
    }

    /**
     * The vendor staff member a reset would concern, with the actor's right to it.
     *
     * @throws NotFoundException when the person is no vendor staff member, or the actor is not vendor staff
     */
    public ResetTarget staffResetTarget(Actor actor, UserId target) {
        if (!actor.isVendorStaff() || staff.roleOf(target).isEmpty()) {
            throw new NotFoundException("staff");
        }
        return new ResetTarget(target, label(accounts.find(target)),
                policy.resetSecondFactors(actor, null, target, memberships.of(target), true));
    }

    /**
     * Removes a vendor staff member's second factors: the vendor admin's, never their own.
     *
     * @throws NotFoundException when the person is no vendor staff member, or the actor is not vendor staff
     */
    @Transactional
    public ResetTarget resetStaff(Actor actor, UserId target) {
        return removeAll(actor, staffResetTarget(actor, target));
    }

    private ResetTarget removeAll(Actor actor, ResetTarget resetting) {
        resetting.decision().orThrow();
        for (SecondFactorKind kind : kinds) {
            kind.removeAll(resetting.user());
        }
        recoveryCodes.removeAll(resetting.user());
        changed(actor.ref(), resetting.user(), "user.secondFactor.reset", "reset", actor.label());
        return resetting;
    }

    private void changed(ActorRef by, UserId account, String action, String change, String byLabel) {
        audited(by, account, action);
        AccountView person = accounts.find(account);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", label(person));
        variables.put("change", change);
        variables.put("by", byLabel == null ? "" : byLabel);
        variables.put("link", "/account/security");
        mails.enqueue(new MailRequest(person.email(), person.language().locale(), "second-factor", variables));
    }

    private void audited(ActorRef by, UserId account, String action) {
        List<MemberFacts> organizations = memberships.of(account);
        Audited.inEach(organizations.stream().map(MemberFacts::organizationId).toList(), by, action, "user", account.toString(), null, null).forEach(events::publishEvent);
    }

    private static String label(AccountView person) {
        return PersonName.orEmail(person.firstName(), person.lastName(), person.email());
    }
}
