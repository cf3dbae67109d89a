package io.gatehouse.web;

import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.user.Accounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class PortalController {

    private final Accounts accounts;
    private final Organizations organizations;

    PortalController(Accounts accounts, Organizations organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    @GetMapping("/signin")
    String signIn() {
        return "signin";
    }

    @GetMapping("/")
    String welcome(Actor actor, Model model) {
        model.addAttribute("me", accounts.find(actor.userId()));
        model.addAttribute("staff", actor.staffRole());
        model.addAttribute("organizations", organizations.list(actor, null, PageRequest.of(0, 50)));
        return "welcome";
    }
}
