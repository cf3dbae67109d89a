package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Failed sign-ins are counted per account (apart for each known device) and per client address. The throttle lives in this
 * class's own application context (a lower per-address limit), and each test signs in from
 * addresses of its own, so no other test ever meets a throttle left behind here.
 */
@IntegrationTest
@TestPropertySource(properties = {"gatehouse.sign-in.max-failures-per-account=10", "gatehouse.sign-in.max-failures-per-address=20"})
class ThrottlingTest {

    private static final String WRONG = "Definitely-Not-It-404";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void tenFailedSignInsLockTheAccountEvenForTheRightPasswordWhileOthersStillSignIn() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember target = data.user(org);
        TestMember bystander = data.user(org);
        RequestPostProcessor from = address("198.51.100.10");
        for (int attempt = 1; attempt <= 10; attempt++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(target.email(), WRONG)).with(from))
                    .andExpect(status().isUnauthorized());
        }

        MvcResult throttled = mvc.perform(get("/api/v1/me").with(httpBasic(target.email(), target.password())).with(from))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(429))
                .andReturn();
        assertThat(throttled.getResponse().getHeader("Retry-After")).isNotBlank().containsOnlyDigits();
        assertThat(Long.parseLong(throttled.getResponse().getHeader("Retry-After"))).isPositive();

        mvc.perform(get("/api/v1/me").with(httpBasic(target.email().toUpperCase(), target.password())).with(address("198.51.100.11")))
                .andExpect(status().isTooManyRequests());
        mvc.perform(get("/api/v1/me").with(httpBasic(bystander.email(), bystander.password())).with(from))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(bystander.email()));
    }

    @Test
    void aThrottledAccountIsToldSoOnTheSignInForm() throws Exception {
        TestMember target = data.user(data.organizationId());
        RequestPostProcessor from = address("198.51.100.20");
        for (int attempt = 1; attempt <= 10; attempt++) {
            mvc.perform(signInForm(target.email(), WRONG).with(from))
                    .andExpect(redirectedUrl("/signin?error=bad"));
        }

        mvc.perform(signInForm(target.email(), target.password()).with(from))
                .andExpect(redirectedUrl("/signin?error=throttled"));
    }

    @Test
    void failedSignInsFromOneAddressAcrossManyAccountsSlowThatAddressDownButDoNotShutItOut() throws Exception {
        TestMember person = data.user(data.organizationId());
        RequestPostProcessor guesser = address("203.0.113.30");
        guess(guesser, 20);

        MvcResult slowed = mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(guesser))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn();
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(address("203.0.113.31")))
                .andExpect(status().isOk());

        Thread.sleep(1000 * retryAfter(slowed));
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(guesser))
                .andExpect(status().isOk());
    }

    @Test
    void beyondItsFreeFailuresAnAddressWaitsLongerAfterEachFurtherFailure() throws Exception {
        RequestPostProcessor guesser = address("203.0.113.40");
        guess(guesser, 20);

        MvcResult first = mvc.perform(get("/api/v1/me").with(httpBasic(TestData.unique("guess") + "@example.test", WRONG)).with(guesser))
                .andExpect(status().isTooManyRequests()).andReturn();
        Thread.sleep(1000 * retryAfter(first));
        mvc.perform(get("/api/v1/me").with(httpBasic(TestData.unique("guess") + "@example.test", WRONG)).with(guesser))
                .andExpect(status().isUnauthorized());
        MvcResult second = mvc.perform(get("/api/v1/me").with(httpBasic(TestData.unique("guess") + "@example.test", WRONG)).with(guesser))
                .andExpect(status().isTooManyRequests()).andReturn();

        assertThat(retryAfter(first)).isEqualTo(1);
        assertThat(retryAfter(second)).isEqualTo(2);
    }

    @Test
    void theOwnerSignsInFromAKnownDeviceWhileTheAttackerIsThrottled() throws Exception {
        TestMember owner = data.user(data.organizationId());
        Cookie device = deviceCookie(mvc.perform(signInForm(owner.email(), owner.password()).with(address("198.51.100.50")))
                .andExpect(redirectedUrl("/")).andReturn());
        RequestPostProcessor attacker = address("192.0.2.50");
        for (int attempt = 1; attempt <= 10; attempt++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(owner.email(), WRONG)).with(attacker)).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic(owner.email(), owner.password())).with(attacker))
                .andExpect(status().isTooManyRequests());

        mvc.perform(signInForm(owner.email(), owner.password()).cookie(device).with(address("198.51.100.51")))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/api/v1/me").with(httpBasic(owner.email(), owner.password())).cookie(device).with(attacker))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(httpBasic(owner.email(), owner.password())).with(address("198.51.100.52")))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void onlyThePortalMarksADeviceTheApiSetsNoCookie() throws Exception {
        TestMember person = data.user(data.organizationId());

        MvcResult api = mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(address("198.51.100.55")))
                .andExpect(status().isOk()).andReturn();

        assertThat(api.getResponse().getHeaders("Set-Cookie")).isEmpty();
    }

    @Test
    void aDeviceCookieOfAnotherAccountOrForgedOpensNothing() throws Exception {
        TestMember owner = data.user(data.organizationId());
        TestMember other = data.user(data.organizationId());
        Cookie othersDevice = deviceCookie(mvc.perform(signInForm(other.email(), other.password()).with(address("198.51.100.60")))
                .andReturn());
        RequestPostProcessor attacker = address("192.0.2.60");
        for (int attempt = 1; attempt <= 10; attempt++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(owner.email(), WRONG)).with(attacker)).andExpect(status().isUnauthorized());
        }
        String[] parts = othersDevice.getValue().split("\\.");
        Cookie forged = new Cookie(DeviceCookies.NAME, owner.id() + "." + parts[1] + "." + parts[2] + "." + parts[3]);

        mvc.perform(get("/api/v1/me").with(httpBasic(owner.email(), owner.password())).cookie(othersDevice).with(attacker))
                .andExpect(status().isTooManyRequests());
        mvc.perform(get("/api/v1/me").with(httpBasic(owner.email(), owner.password())).cookie(forged).with(attacker))
                .andExpect(status().isTooManyRequests());
    }

    /** The vendor admin's account is locked for strangers and their address is slowed: their known browser still gets in. */
    @Test
    void theVendorAdminIsNeverRefusedFromAKnownDevice() throws Exception {
        RequestPostProcessor office = address("198.51.100.70");
        Cookie device = deviceCookie(mvc.perform(signInForm(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD).with(office))
                .andExpect(redirectedUrl("/")).andReturn());
        guess(office, 20);
        for (int attempt = 1; attempt <= 10; attempt++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, WRONG)).with(address("192.0.2.70")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)).with(office))
                .andExpect(status().isTooManyRequests());

        for (int attempt = 1; attempt <= 3; attempt++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)).cookie(device).with(office))
                    .andExpect(status().isOk());
            mvc.perform(signInForm(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD).cookie(device).with(office))
                    .andExpect(redirectedUrl("/"));
        }
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsEarlierFailures() throws Exception {
        TestMember person = data.user(data.organizationId());
        RequestPostProcessor from = address("198.51.100.40");
        for (int attempt = 1; attempt <= 9; attempt++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), WRONG)).with(from)).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(from)).andExpect(status().isOk());

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), WRONG)).with(from)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(from)).andExpect(status().isOk());
    }

    private void guess(RequestPostProcessor from, int times) throws Exception {
        for (int attempt = 1; attempt <= times; attempt++) {
            mvc.perform(get("/api/v1/me").with(httpBasic(TestData.unique("guess") + "@example.test", WRONG)).with(from))
                    .andExpect(status().isUnauthorized());
        }
    }

    private static long retryAfter(MvcResult result) {
        return Long.parseLong(result.getResponse().getHeader("Retry-After"));
    }

    /** The device cookie a successful sign-in set. */
    static Cookie deviceCookie(MvcResult signIn) {
        for (String header : signIn.getResponse().getHeaders("Set-Cookie")) {
            if (header.startsWith(DeviceCookies.NAME + "=")) {
                assertThat(header).contains("HttpOnly").contains("SameSite=Lax");
                return new Cookie(DeviceCookies.NAME, header.substring(DeviceCookies.NAME.length() + 1, header.indexOf(';')));
            }
        }
        throw new AssertionError("no device cookie set");
    }

    private static MockHttpServletRequestBuilder signInForm(String email, String password) {
        return post("/signin").param("email", email).param("password", password).with(csrf());
    }

    private static RequestPostProcessor address(String remoteAddress) {
        return request -> {
            request.setRemoteAddr(remoteAddress);
            return request;
        };
    }
}
