package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.Decision;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Role;
import io.gatehouse.member.MemberDetailForms.FieldMessages;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.user.Accounts;
import io.gatehouse.webhook.Deliveries;
import io.gatehouse.user.DateFormat;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What a person's page shows, for the whole page and for each part that comes back in place. */
@Component
class PersonPageModel {

    static final String ORGANIZATIONS = MemberDetailPages.ORGANIZATIONS;

    private final Members members;
    private final Accounts accounts;
    private final Catalog catalog;
    private final Deliveries deliveries;

    PersonPageModel(Members members, Accounts accounts, Catalog catalog, Deliveries deliveries) {
        this.members = members;
        this.accounts = accounts;
        this.catalog = catalog;
        this.deliveries = deliveries;
    }

    void fill(Model model, Actor actor, PersonTarget target, String tab) {
        // The person's memberships, read once for every question the page asks about them.
        List<MemberFacts> held = members.held(target.user());
        MemberFacts heldHere = held.stream().filter(m -> m.organizationId().equals(target.organization()))
                .findFirst().orElseThrow(() -> new NotFoundException("member"));
        List<Affiliation> affiliations = members.affiliations(actor, held);
        Affiliation here = affiliations.stream().filter(a -> a.organizationId().equals(target.organization().toString()))
                .findFirst().orElseThrow(() -> new NotFoundException("member"));
        model.addAttribute("orgId", target.organization().toString());
        model.addAttribute("base", target.base());
        model.addAttribute("usersList", target.usersList());
        model.addAttribute("person", target.person());
        model.addAttribute("personName", target.name());
        model.addAttribute("member", target.member());
        model.addAttribute("here", here);
        model.addAttribute("tab", tab);
        model.addAttribute("affiliations", affiliations);
        model.addAttribute("joinable", ORGANIZATIONS.equals(tab) ? members.joinable(actor, target.user()) : List.of());
        model.addAttribute("roles", Role.values());
        model.addAttribute("languages", Language.values());
        model.addAttribute("dateFormats", DateFormat.values());
        model.addAttribute("applications", catalog.applications());
        model.addAttribute("held", Set.copyOf(target.member().rights()));
        // Which applications were told of the latest change of this person's access here, and how far each got.
        model.addAttribute("informed", deliveries.latestForMember(target.organization(), target.user()));
        model.addAttribute("terms", accounts.termsAccepted(target.user()).orElse(null));
        model.addAttribute("blockAllowed", members.blocking(actor, heldHere, !here.blocked()).allowed()
                && !members.needsApproval(actor, target.organization(), target.user(), null));
        model.addAttribute("editRefusal", reason(members.accountEditing(actor, target.user(), held)));
        model.addAttribute("disableRefusal", reason(members.accountDisabling(actor, target.user(), held, !target.person().disabled())));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FieldMessages.none());
        }
    }

    /** What the rights form needs when it comes back in place after a tick: the boxes, as now held. */
    void fillRights(Model model, PersonTarget target, String tab) {
        model.addAttribute("base", target.base());
        model.addAttribute("tab", tab);
        model.addAttribute("applications", catalog.applications());
        model.addAttribute("held", Set.copyOf(target.member().rights()));
    }

    private static String reason(Decision decision) {
        return decision.allowed() ? null : decision.reason();
    }
}
