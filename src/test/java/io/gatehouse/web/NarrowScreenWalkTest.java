package io.gatehouse.web;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every page a shop owner uses, on a phone 375 px wide: readable without scrolling sideways. */
@Tag("browser")
@IntegrationTest
class NarrowScreenWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Test
    void everyPageFitsA375PixelWideScreen() {
        OrganizationId org = data.organizationId();
        SiteView site = data.site(org);
        TestMember manager = data.manager(org);
        TestMember member = data.member(org, io.gatehouse.access.Role.USER, List.of(site.id()), "Licenses", "Showcase 360 Administrator");

        try (Browser phone = Browser.open(port, "narrow-screen", 375)) {
            SoftAssertions softly = new SoftAssertions();
            for (String path : List.of("/signin", "/password/forgot")) {
                fits(softly, phone.go(path), path);
            }
            phone.signIn(manager.email(), manager.password());
            for (String path : List.of("/", "/organizations/" + org + "/users", "/organizations/" + org + "/users/new",
                    "/organizations/" + org + "/users/" + member.id(), "/organizations/" + org + "/sites",
                    "/organizations/" + org + "/sites/" + site.id(), "/organizations/" + org + "/users/invite",
                    "/organizations/" + org + "/invitations", "/profile")) {
                fits(softly, phone.go(path), path);
            }
            softly.assertAll();
        }
    }

    private static void fits(SoftAssertions softly, Browser phone, String path) {
        assertThat(phone.viewportWidth()).as("layout width").isEqualTo(375);
        softly.assertThat(phone.contentWidth()).as(path + " is wider than the screen").isLessThanOrEqualTo(375);
    }
}
