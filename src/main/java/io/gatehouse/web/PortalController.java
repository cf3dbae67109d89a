package io.gatehouse.web;

import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.user.Accounts;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@PortalPage
@EnableConfigurationProperties(WelcomeSettings.class)
class PortalController {

    private final Accounts accounts;
    private final Organizations organizations;
    private final WelcomeLinks welcome;

    PortalController(Accounts accounts, Organizations organizations, WelcomeLinks welcome) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.welcome = welcome;
    }

    @GetMapping("/signin")
    String signIn() {
        return "signin";
    }

    /** The terms of use an invited person accepts when registering. */
    @GetMapping("/terms")
    String terms(Model model) {
        model.addAttribute("termsVersion", io.gatehouse.user.TermsOfUse.CURRENT_VERSION);
        return "terms";
    }

    @GetMapping("/")
    String welcome(Actor actor, Locale locale, Model model) {
        model.addAttribute("staff", actor.staffRole());
        // Each organization's role, keyed by id, so the page can say what the person is where they are.
        java.util.Map<String, String> roles = new java.util.HashMap<>();
        actor.organizations().forEach((id, access) -> roles.put(id.toString(), access.role().name()));
        model.addAttribute("roles", roles);
        // Someone blocked everywhere they belong learns where, and whom to ask, rather than "no organization yet".
        model.addAttribute("blockedIn", actor.organizations().values().stream()
                .filter(access -> access.status() == io.gatehouse.access.MembershipStatus.BLOCKED)
                .map(access -> organizations.name(access.organizationId())).sorted().toList());
        WelcomeLinkSet links = welcome.shown(locale.getLanguage());
        model.addAttribute("supportCentre", links.supportCentre());
        model.addAttribute("articles", links.articles());
        return "welcome";
    }

    /** The organization switcher: remembered for the person, so the portal opens there next time. */
    @PostMapping("/switch")
    String switchOrganization(Actor actor, @RequestParam String organizationId) {
        OrganizationId organization = OrganizationId.parse(organizationId);
        organizations.requireVisible(actor, organization);
        accounts.rememberOrganization(actor.userId(), organization);
        return "redirect:/";
    }
}
