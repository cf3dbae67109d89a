package io.gatehouse.invitation;

import io.gatehouse.shared.PersonName;
import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.MemberIdentity;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.Role;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.LinkTokens;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.TooManyRequestsException;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountStatus;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Invite users": each address becomes an invitation (a new person, who registers through the
 * emailed link) or is added at once (an existing account, told by mail), in every organization
 * chosen, with the role, rights and sites chosen there. One transaction for the whole batch: its
 * memberships, audit entries and mail are written together or not at all.
 */
@Service
@Transactional
public class Invitations {

    /** One organization to invite into, with what the invited get there. */
    public record Target(OrganizationId organization, Role role, List<String> rights, List<String> sites) {

        public Target {
            rights = rights == null ? List.of() : List.copyOf(rights);
            sites = sites == null ? List.of() : List.copyOf(sites);
        }
    }

    /** An address and what became (or would become) of it. */
    public record Verdict(String email, InviteOutcome outcome) implements java.io.Serializable {
    }

    public record InvitationView(String id, String email, String organizationId, String organizationName, Role role,
            String invitedBy, Instant sentAt, Instant expiresAt, InvitationStatus status, boolean resendable) {
    }

    /** What the registration page shows before the person fills it in. */
    public record Opened(String email, String firstName, String lastName, List<String> organizationNames, String invitedBy,
            Language language) {
    }

    private record Resolved(Target target, String organizationName, Language defaultLanguage, Set<CatalogRight> rights,
            Set<SiteId> sites) {
    }

    private final InvitationRepository invitations;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Organizations organizations;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final Mails mails;
    private final InvitationSettings settings;
    private final JdbcClient jdbc;
    private final OrganizationLock lock;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MessageSource messages;

    Invitations(InvitationRepository invitations, Accounts accounts, Memberships memberships, Organizations organizations,
            Catalog catalog, AccessPolicy policy, Mails mails, InvitationSettings settings, JdbcClient jdbc,
            OrganizationLock lock, ApplicationEventPublisher events, Clock clock, MessageSource messages) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.memberships = memberships;
        this.organizations = organizations;
        this.catalog = catalog;
        this.policy = policy;
        this.mails = mails;
        this.settings = settings;
        this.jdbc = jdbc;
        this.lock = lock;
        this.events = events;
        this.clock = clock;
        this.messages = messages;
    }

    /** The verdict on each address before anything is sent: the chips of "Invite users". */
    @Transactional(readOnly = true)
    public List<Verdict> preview(Actor actor, OrganizationId organization, List<String> inputs) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        EmailList list = EmailList.parse(inputs);
        List<Verdict> verdicts = new ArrayList<>();
        for (EmailList.Entry entry : list.entries()) {
            verdicts.add(new Verdict(entry.email(), switch (entry.syntax()) {
                case INVALID -> InviteOutcome.INVALID;
                case DUPLICATE -> InviteOutcome.DUPLICATE;
                case VALID -> accounts.findByEmail(entry.email())
                        .map(account -> memberships.find(organization, account.id()).isPresent() ? InviteOutcome.ALREADY_MEMBER
                                : account.status() == AccountStatus.INVITED ? InviteOutcome.INVITED : InviteOutcome.ADDED)
                        .orElse(InviteOutcome.INVITED);
            }));
        }
        return verdicts;
    }

    /**
     * Invites every valid address into every target. More than a hundred addresses, a target the
     * inviter may not grant, or the hourly limit: nothing at all is done.
     */
    public List<Verdict> invite(Actor requester, List<String> inputs, List<Target> targets) {
        EmailList list = EmailList.parse(inputs);
        if (list.entries().isEmpty()) {
            throw InvalidInputException.of("emails", "validation.invitations.empty");
        }
        if (list.tooMany()) {
            throw InvalidInputException.of("emails", "validation.invitations.tooMany", EmailList.MAX, list.entries().size());
        }
        if (targets == null || targets.isEmpty()) {
            throw InvalidInputException.of("organizations", "validation.invitations.organizationRequired");
        }
        // What the inviter may grant is read under the lock of every organization invited into.
        Actor actor = lock.lock(requester, targets.stream().map(Target::organization).filter(java.util.Objects::nonNull).toList());
        List<Resolved> resolved = new ArrayList<>();
        Set<OrganizationId> seen = new HashSet<>();
        for (Target target : targets) {
            if (!seen.add(target.organization())) {
                continue;
            }
            resolved.add(resolve(actor, target));
        }
        List<EmailList.Entry> valid = list.valid();
        for (Resolved target : resolved) {
            checkHourlyLimit(target.target().organization(), valid.size());
        }

        Instant now = clock.instant();
        String inviterName = inviterName(actor);
        List<Verdict> verdicts = new ArrayList<>();
        for (EmailList.Entry entry : list.entries()) {
            verdicts.add(new Verdict(entry.email(), switch (entry.syntax()) {
                case INVALID -> InviteOutcome.INVALID;
                case DUPLICATE -> InviteOutcome.DUPLICATE;
                case VALID -> inviteOne(actor, inviterName, entry.email(), resolved, now);
            }));
        }
        return verdicts;
    }

    private InviteOutcome inviteOne(Actor actor, String inviterName, String email, List<Resolved> targets, Instant now) {
        Optional<AccountView> existing = accounts.findByEmail(email);
        List<Resolved> joining = targets.stream()
                .filter(t -> existing.isEmpty() || memberships.find(t.target().organization(), existing.get().id()).isEmpty())
                .toList();
        if (joining.isEmpty()) {
            return InviteOutcome.ALREADY_MEMBER;
        }
        Language firstLanguage = joining.get(0).defaultLanguage();
        AccountView account = existing.orElseGet(() -> accounts.invite(actor.ref(), email, firstLanguage));
        boolean newcomer = account.status() == AccountStatus.INVITED;
        String token = newcomer ? LinkTokens.generate() : null;
        for (Resolved target : joining) {
            OrganizationId organization = target.target().organization();
            MemberFacts joined = memberships.joinInvited(organization, account.id(), identity(account), target.target().role(),
                    target.rights(), target.sites());
            Invitation invitation = newcomer
                    ? Invitation.invite(organization.value(), account.id().value(), account.email(), target.target().role(),
                            actor.userId().value(), actor.ref().label(), LinkTokens.digest(token), now, now.plus(settings.validFor()))
                    : Invitation.added(organization.value(), account.id().value(), account.email(), target.target().role(),
                            actor.userId().value(), actor.ref().label(), now);
            invitations.save(invitation);
            Map<String, Object> after = new LinkedHashMap<>(snapshot(joined));
            after.put("invitation", invitation.id().toString());
            events.publishEvent(new Audited(actor.ref(), organization, newcomer ? "member.invited" : "member.added", "member",
                    account.userId(), null, after));
        }
        // The person's own language once they have one; before that, the organization's.
        Locale locale = (account.status() == AccountStatus.INVITED ? firstLanguage : account.language()).locale();
        List<String> names = joining.stream().map(Resolved::organizationName).toList();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("inviterName", inviterName);
        variables.put("organizationNames", names);
        variables.put("role", roleName(joining.get(0).target().role(), locale));
        variables.put("subjectArgs", List.of(inviterName, String.join(", ", names)));
        if (newcomer) {
            variables.put("link", "/invitations/accept?token=" + token);
            variables.put("expiresOn", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                    .format(now.plus(settings.validFor()).atZone(ZoneOffset.UTC)));
            mails.enqueue(new MailRequest(account.email(), locale, "invitation", variables));
            return InviteOutcome.INVITED;
        }
        variables.put("link", "/signin");
        mails.enqueue(new MailRequest(account.email(), locale, "member-added", variables));
        return InviteOutcome.ADDED;
    }

    @Transactional(readOnly = true)
    public List<InvitationView> list(Actor actor, OrganizationId organization, InvitationStatus status) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        Instant now = clock.instant();
        String organizationName = organizations.get(actor, organization).name();
        StringBuilder where = new StringBuilder("organization_id = :org and kind = 'INVITED'");
        if (status != null) {
            where.append(switch (status) {
                case PENDING -> " and status = 'PENDING' and expires_at > :now";
                case EXPIRED -> " and status = 'PENDING' and expires_at <= :now";
                case ACCEPTED -> " and status = 'ACCEPTED'";
                case REVOKED -> " and status = 'REVOKED'";
            });
        }
        var spec = jdbc.sql("select id from invitation where " + where + " order by created_at desc, email limit 1000")
                .param("org", organization.value());
        if (status == InvitationStatus.PENDING || status == InvitationStatus.EXPIRED) {
            spec = spec.param("now", Timestamp.from(now));
        }
        List<UUID> ids = spec.query(UUID.class).list();
        List<InvitationView> views = new ArrayList<>();
        invitations.findAllById(ids).forEach(i -> views.add(view(i, organizationName, now)));
        views.sort((a, b) -> ids.indexOf(UUID.fromString(a.id())) - ids.indexOf(UUID.fromString(b.id())));
        return views;
    }

    /** One invitation of the organization, as the pending list shows it. */
    @Transactional(readOnly = true)
    public InvitationView get(Actor actor, OrganizationId organization, UUID id) {
        Invitation invitation = load(actor, organization, id);
        return view(invitation, organizations.get(actor, organization).name(), clock.instant());
    }

    /** A new link and a new date for a pending or expired invitation; the old link stops working. */
    public InvitationView resend(Actor actor, OrganizationId organization, UUID id) {
        Invitation invitation = load(actor, organization, id);
        InvitationStatus status = invitation.status(clock.instant());
        if (invitation.kind() != Invitation.Kind.INVITED || (status != InvitationStatus.PENDING && status != InvitationStatus.EXPIRED)) {
            throw new ConflictException("status", "conflict.invitation.notPending");
        }
        AccountView account = accounts.find(new UserId(invitation.userId()));
        Instant now = clock.instant();
        String token = LinkTokens.generate();
        invitation.resend(LinkTokens.digest(token), now, now.plus(settings.validFor()));
        invitations.save(invitation);
        String organizationName = organizations.get(actor, organization).name();
        Locale locale = mailLocale(account, organization);
        String inviterName = inviterName(actor);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("inviterName", inviterName);
        variables.put("organizationNames", List.of(organizationName));
        variables.put("role", roleName(invitation.role(), locale));
        variables.put("subjectArgs", List.of(inviterName, organizationName));
        variables.put("link", "/invitations/accept?token=" + token);
        variables.put("expiresOn", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .format(invitation.expiresAt().atZone(ZoneOffset.UTC)));
        mails.enqueue(new MailRequest(account.email(), locale, "invitation", variables));
        events.publishEvent(new Audited(actor.ref(), organization, "invitation.resent", "invitation", invitation.id().toString(),
                null, Map.of("email", invitation.email(), "expiresAt", invitation.expiresAt().toString())));
        return view(invitation, organizationName, now);
    }

    /**
     * The invitation stops working and the place it held goes: the membership, and the waiting
     * account too when nothing else holds it.
     */
    public void revoke(Actor actor, OrganizationId organization, UUID id) {
        Invitation invitation = load(actor, organization, id);
        if (invitation.kind() != Invitation.Kind.INVITED || invitation.status(clock.instant()) == InvitationStatus.ACCEPTED
                || invitation.status(clock.instant()) == InvitationStatus.REVOKED) {
            throw new ConflictException("status", "conflict.invitation.notPending");
        }
        UserId user = new UserId(invitation.userId());
        Optional<MemberFacts> membership = memberships.find(organization, user);
        membership.ifPresent(m -> policy.removeMember(actor, m).orThrow());
        invitation.revoke(clock.instant());
        invitations.save(invitation);
        membership.ifPresent(m -> memberships.remove(organization, user));
        events.publishEvent(new Audited(actor.ref(), organization, "invitation.revoked", "invitation", invitation.id().toString(),
                Map.of("email", invitation.email()), null));
        accounts.forgetInvited(actor.ref(), user);
    }

    /** The invitation behind a link, while it is still good. */
    @Transactional(readOnly = true)
    public Optional<Opened> open(String token) {
        List<Invitation> found = openable(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AccountView account = accounts.find(new UserId(found.get(0).userId()));
        if (account.status() != AccountStatus.INVITED) {
            return Optional.empty();
        }
        List<String> names = pendingFor(account.id()).stream()
                .map(i -> organizations.name(new OrganizationId(i.organizationId())))
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();
        return Optional.of(new Opened(account.email(), account.firstName(), account.lastName(), names, found.get(0).invitedByLabel(),
                account.language()));
    }

    /**
     * Registration through a link: the waiting account becomes the person's own, and every
     * invitation waiting for that address is accepted with it — the link proved the address.
     */
    public AccountView register(String token, Accounts.Registration registration) {
        List<Invitation> found = openable(token);
        if (found.isEmpty()) {
            throw new NotFoundException("invitation");
        }
        UserId user = new UserId(found.get(0).userId());
        AccountView account = accounts.register(user, registration);
        Instant now = clock.instant();
        ActorRef self = new ActorRef(user, account.firstName() + " " + account.lastName() + " <" + account.email() + ">");
        for (Invitation invitation : pendingFor(user)) {
            invitation.accept(now);
            invitations.save(invitation);
            events.publishEvent(new Audited(self, new OrganizationId(invitation.organizationId()), "invitation.accepted",
                    "invitation", invitation.id().toString(), null, Map.of("email", invitation.email())));
        }
        return account;
    }

    private List<Invitation> openable(String token) {
        if (!LinkTokens.plausible(token)) {
            return List.of();
        }
        Instant now = clock.instant();
        return invitations.findByTokenHash(LinkTokens.digest(token)).stream().filter(i -> i.openable(now)).filter(this::holdsAPlace).toList();
    }

    /** An invitation still leads somewhere only while its membership is there: none may make an account that belongs nowhere. */
    private boolean holdsAPlace(Invitation invitation) {
        return invitation.userId() != null
                && memberships.find(new OrganizationId(invitation.organizationId()), new UserId(invitation.userId())).isPresent();
    }

    private List<Invitation> pendingFor(UserId user) {
        return invitations.findByUserId(user.value()).stream()
                .filter(i -> i.status(clock.instant()) != InvitationStatus.REVOKED && i.status(clock.instant()) != InvitationStatus.ACCEPTED)
                .filter(this::holdsAPlace)
                .toList();
    }

    private Invitation load(Actor actor, OrganizationId organization, UUID id) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        return invitations.findByIdAndOrganizationId(id, organization.value()).orElseThrow(() -> new NotFoundException("invitation"));
    }

    private Resolved resolve(Actor actor, Target target) {
        if (target.organization() == null) {
            throw InvalidInputException.of("organizations", "validation.invitations.organizationRequired");
        }
        if (target.role() == null) {
            throw InvalidInputException.of("role", "validation.required");
        }
        organizations.requireVisible(actor, target.organization());
        policy.manageMembers(actor, target.organization()).orThrow();
        Set<CatalogRight> rights = catalog.resolve(target.rights(), "rights");
        Set<SiteId> sites = new HashSet<>();
        for (String site : target.sites()) {
            try {
                sites.add(SiteId.parse(site));
            } catch (NotFoundException e) {
                throw InvalidInputException.of("sites", "validation.site.unknown", String.valueOf(site));
            }
        }
        organizations.requireSites(target.organization(), sites, "sites");
        Set<SiteId> granted = target.role().reachesAllSites() ? Set.of() : sites;
        // What the inviter may not grant is refused for that reason, whether or not the vendor approves changes here.
        policy.addMember(actor, target.organization(), target.role(), rights, granted).orThrow();
        // Where the vendor approves changes, people arrive through a request ("Create new user"), not an invitation.
        boolean vendorManaged = organizations.get(actor, target.organization()).managementMode() == ManagementMode.VENDOR_MANAGED;
        if (policy.needsApproval(actor, vendorManaged, rights)) {
            throw new ForbiddenException("policy.vendorManaged");
        }
        return new Resolved(target, organizations.name(target.organization()),
                Language.of(organizations.defaultLanguage(target.organization())), rights, granted);
    }

    private void checkHourlyLimit(OrganizationId organization, int adding) {
        Instant since = clock.instant().minus(Duration.ofHours(1));
        long lastHour = jdbc.sql("select count(*) from invitation where organization_id = :org and created_at > :since")
                .param("org", organization.value()).param("since", Timestamp.from(since))
                .query(Long.class).single();
        if (lastHour + adding > settings.perHour()) {
            Instant oldest = jdbc.sql("select min(created_at) from invitation where organization_id = :org and created_at > :since")
                    .param("org", organization.value()).param("since", Timestamp.from(since))
                    .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(clock.instant());
            throw new TooManyRequestsException("problem.invitations.hourlyLimit",
                    Duration.between(clock.instant(), oldest.plus(Duration.ofHours(1))), settings.perHour(),
                    Math.max(0, settings.perHour() - lastHour));
        }
    }

    private InvitationView view(Invitation i, String organizationName, Instant now) {
        InvitationStatus status = i.status(now);
        return new InvitationView(i.id().toString(), i.email(), i.organizationId().toString(), organizationName, i.role(),
                i.invitedByLabel(), i.sentAt(), i.expiresAt(), status,
                i.kind() == Invitation.Kind.INVITED && (status == InvitationStatus.PENDING || status == InvitationStatus.EXPIRED));
    }

    private String inviterName(Actor actor) {
        AccountView inviter = accounts.find(actor.userId());
        return PersonName.orEmail(inviter.firstName(), inviter.lastName(), inviter.email());
    }

    /** The person's own language once they have one; before that, the organization's. */
    private Locale mailLocale(AccountView account, OrganizationId organization) {
        Language language = account.status() == AccountStatus.INVITED
                ? Language.of(organizations.defaultLanguage(organization)) : account.language();
        return language.locale();
    }

    /** The role in the reader's language, as the portal names it. */
    private String roleName(Role role, Locale locale) {
        return messages.getMessage("members.role." + role.name(), null, role.name(), locale);
    }

    private static MemberIdentity identity(AccountView account) {
        return new MemberIdentity(account.firstName(), account.lastName(), account.email(), account.login());
    }

    private static Map<String, Object> snapshot(MemberFacts facts) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("role", facts.role().name());
        state.put("status", facts.status().name());
        state.put("rights", facts.rights().stream().sorted().toList());
        state.put("sites", facts.sites().stream().map(SiteId::toString).sorted().toList());
        return state;
    }
}
