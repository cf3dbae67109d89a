package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.gatehouse.product.ProductSummary;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vendor's desktop software activating machines with the secret licence key, and checking the
 * signed licence file offline with the published key, as the software would: nimbus-jose-jwt reads
 * the JWK and the JWS, Bouncy Castle checks the Ed25519 signature.
 */
@IntegrationTest
@Import(LicenceFixtures.class)
class ActivationApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    LicenceFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void activationAnswersALicenceFileThatVerifiesWithThePublishedKey() throws Exception {
        Setup setup = setup(2);

        JsonNode activated = JSON.readTree(activate(setup.key(), "fp-alpha", "Drafting PC 1", address())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());

        JWSObject file = JWSObject.parse(activated.get("licenceFile").asString());
        assertThat(file.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(verifies(file.getParsedString(), publicKey())).isTrue();
        Map<String, Object> payload = file.getPayload().toJSONObject();
        assertThat(payload).containsEntry("licenceNumber", setup.number()).containsEntry("product", setup.product().name())
                .containsEntry("edition", "Professional").containsEntry("fingerprint", "fp-alpha")
                .containsEntry("organization", setup.org().toString()).containsEntry("sub", activated.get("id").asString());
        long exp = ((Number) payload.get("exp")).longValue();
        assertThat(exp).isGreaterThan(Instant.now().getEpochSecond()).isLessThanOrEqualTo(Instant.now().plusSeconds(8 * 86400).getEpochSecond());
    }

    @Test
    void aTamperedLicenceFileFailsVerification() throws Exception {
        Setup setup = setup(1);
        String file = JSON.readTree(activate(setup.key(), "fp-tamper", "PC", address()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("licenceFile").asString();
        String[] parts = file.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"Professional\"", "\"Enterprise\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThat(verifies(file, publicKey())).isTrue();
        assertThat(verifies(tampered, publicKey())).isFalse();
    }

    @Test
    void reactivatingTheSameMachineReusesItsSeat() throws Exception {
        Setup setup = setup(1);
        String address = address();
        String first = JSON.readTree(activate(setup.key(), "fp-same", "PC", address).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();

        activate(setup.key(), "fp-same", "PC renamed", address).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(first));
        assertThat(liveActivations(setup)).isEqualTo(1);
    }

    @Test
    void beyondTheSeatsTheAnswerIs409SayingHowManyAreUsed() throws Exception {
        Setup setup = setup(2);
        String address = address();
        activate(setup.key(), "fp-1", "PC 1", address).andExpect(status().isCreated());
        activate(setup.key(), "fp-2", "PC 2", address).andExpect(status().isCreated());

        activate(setup.key(), "fp-3", "PC 3", address)
                .andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.seatsUsed").value(2))
                .andExpect(jsonPath("$.seats").value(2))
                .andExpect(jsonPath("$.detail").value(containsString("2 of 2")));
        assertThat(liveActivations(setup)).isEqualTo(2);
    }

    @Test
    void deactivatingAMachineInThePortalFreesItsSeatAtOnce() throws Exception {
        Setup setup = setup(1);
        String address = address();
        String id = JSON.readTree(activate(setup.key(), "fp-old", "Old PC", address).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        activate(setup.key(), "fp-new", "New PC", address).andExpect(status().isConflict());
        TestMember holder = data.user(setup.org(), "Licenses");

        mvc.perform(get("/api/v1/organizations/" + setup.org() + "/licences/" + setup.id() + "/activations")
                        .with(httpBasic(holder.email(), holder.password())))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].machineName").value("Old PC"));
        mvc.perform(delete("/api/v1/organizations/" + setup.org() + "/licences/" + setup.id() + "/activations/" + id)
                        .with(httpBasic(holder.email(), holder.password())))
                .andExpect(status().isNoContent());

        activate(setup.key(), "fp-new", "New PC", address).andExpect(status().isCreated());
        // The old machine's check now fails: its licence file is no longer renewed.
        mvc.perform(get("/api/v1/activations/" + id).param("fingerprint", "fp-old").with(from(address)))
                .andExpect(status().isNotFound());
        assertThat(data.auditEntries(setup.org(), "activation.deactivated")).isEqualTo(1);
    }

    @Test
    void theSoftwareChecksAndReleasesItsOwnActivation() throws Exception {
        Setup setup = setup(1);
        String address = address();
        String id = JSON.readTree(activate(setup.key(), "fp-check", "PC", address).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();

        mvc.perform(get("/api/v1/activations/" + id).param("fingerprint", "fp-check").with(from(address)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.licenceFile").isNotEmpty());
        mvc.perform(get("/api/v1/activations/" + id).param("fingerprint", "another machine").with(from(address)))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/activations/" + id).param("fingerprint", "fp-check").with(from(address)))
                .andExpect(status().isNoContent());

        assertThat(liveActivations(setup)).isZero();
    }

    @Test
    void anUnknownKeyIsRefusedClearlyAndCountedUntilTheAddressMustWait() throws Exception {
        Setup setup = setup(5);
        String address = address();
        for (int i = 0; i < 20; i++) {
            activate("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "fp", "PC", address)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("licenceKey"))
                    .andExpect(jsonPath("$.errors[0].message").value(containsString("No licence has this key")));
        }

        // Even the right key waits now, from that address; another address is not held up.
        activate(setup.key(), "fp", "PC", address).andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
        activate(setup.key(), "fp", "PC", address()).andExpect(status().isCreated());
    }

    @Test
    void missingFieldsAreNamedAndChangeNothing() throws Exception {
        Setup setup = setup(1);
        mvc.perform(post("/api/v1/activations").contentType(MediaType.APPLICATION_JSON).content("{\"licenceKey\":\"" + setup.key() + "\"}")
                        .with(from(address())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("fingerprint", "machineName")));
        assertThat(liveActivations(setup)).isZero();
    }

    @Test
    void aSuspendedLicenceActivatesNothing() throws Exception {
        Setup setup = setup(3);
        mvc.perform(patch("/api/v1/organizations/" + setup.org() + "/licences/" + setup.id()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"suspended\":true}").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)))
                .andExpect(status().isOk());

        activate(setup.key(), "fp", "PC", address()).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("This licence is suspended by the vendor."));
    }

    @Test
    void thePublicKeyIsAnEd25519Jwk() throws Exception {
        OctetKeyPair key = publicKey();
        assertThat(key.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getDecodedX()).hasSize(32);
    }

    // ---- helpers

    private record Setup(OrganizationId org, ProductSummary product, String id, String number, String key) {
    }

    private Setup setup(int seats) throws Exception {
        OrganizationId org = data.organizationId();
        ProductSummary product = fixtures.desktopProduct();
        JsonNode issued = JSON.readTree(mvc.perform(post("/api/v1/organizations/" + org + "/licences").contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("productId", product.id().toString(), "edition", "Professional",
                                "seats", seats)))
                        .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andReturn().getResponse().getContentAsString());
        return new Setup(org, product, issued.get("id").asString(), issued.get("number").asString(), issued.get("key").asString());
    }

    private ResultActions activate(String key, String fingerprint, String machine, String address) throws Exception {
        return mvc.perform(post("/api/v1/activations").contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("licenceKey", key, "fingerprint", fingerprint, "machineName", machine)))
                .with(from(address)));
    }

    private OctetKeyPair publicKey() throws Exception {
        return OctetKeyPair.parse(mvc.perform(get("/.well-known/gatehouse-licence-key")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    /** What the vendor's software does offline: the signature over "header.payload" with the published x. */
    private static boolean verifies(String compact, OctetKeyPair key) {
        String[] parts = compact.split("\\.");
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.getDecodedX(), 0));
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        verifier.update(input, 0, input.length);
        return verifier.verifySignature(Base64.getUrlDecoder().decode(parts[2]));
    }

    private long liveActivations(Setup setup) {
        return jdbc.sql("select count(*) from activation where licence_id = ? and deactivated_at is null")
                .param(java.util.UUID.fromString(setup.id())).query(Long.class).single();
    }

    private static String address() {
        return "198.51.100." + ADDRESS.getAndIncrement() % 250;
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
