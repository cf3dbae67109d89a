package io.gatehouse.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.invitation.Invitations;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestDatabase;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import io.gatehouse.user.TermsOfUse;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An installation made by the first schema (V1) and used through an intermediate one (V12, before V13
 * turned accepted terms into a version) is migrated to the latest schema by the application's own start,
 * and then serves what it held: sign-in with the old passwords, the member list with the old values,
 * the old API token and invitation link, and changes to rows the first schema wrote.
 */
@IntegrationTest
@ContextConfiguration(initializers = UpgradeFromFirstSchemaTest.OldInstallation.class)
class UpgradeFromFirstSchemaTest {

    static final String NORDWIND = "10000000-0000-0000-0000-000000000001";
    static final String HARBOUR = "10000000-0000-0000-0000-000000000002";
    static final String ASA = "30000000-0000-0000-0000-000000000002";
    static final String INGRID = "Ingrid.Larsen@Nordwind.test";
    static final String OLD_PASSWORD = "Fjord-Lantern-Harbour-31";
    static final String OTHER_OLD_PASSWORD = "Birch-Window-Meadow-58";

    /**
     * Before the application starts: its database as the first schema made it, then as V12 left it. On H2
     * it is a file database, closed before the application opens it, as when the old version is stopped.
     */
    static final class OldInstallation implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new TestDatabase().initialize(context);
            Environment environment = context.getEnvironment();
            if (!TestDatabase.postgres()) {
                String file = Path.of("target", "upgrade-databases", "gatehouse-" + UUID.randomUUID()).toAbsolutePath().toString();
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("old-installation", Map.of(
                        "spring.datasource.url", "jdbc:h2:file:" + file + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_ON_EXIT=FALSE")));
            }
            String url = environment.getRequiredProperty("spring.datasource.url");
            String user = environment.getRequiredProperty("spring.datasource.username");
            String password = environment.getProperty("spring.datasource.password", "");
            migrate(url, user, password, "1");
            run(url, user, password, "upgrade/schema-1-data.sql");
            migrate(url, user, password, "12");
            run(url, user, password, "upgrade/schema-12-data.sql");
        }

        private static void migrate(String url, String user, String password, String target) {
            String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
            Flyway.configure().dataSource(url, user, password)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                    .target(target).load().migrate();
        }

        private static void run(String url, String user, String password, String script) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                ScriptUtils.executeSqlScript(connection, new org.springframework.core.io.support.EncodedResource(
                        new ClassPathResource(script), StandardCharsets.UTF_8));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot write " + script, e);
            }
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flyway flyway;

    @Autowired
    Invitations invitations;

    @Test
    void theStartMigratedTheDatabaseToTheLatestSchema() {
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(applied).allSatisfy(migration -> assertThat(migration.getState().isFailed()).isFalse());
        assertThat(applied[applied.length - 1].getVersion()).isEqualTo(Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getVersion).max(Comparable::compareTo).orElseThrow());
        assertThat(Arrays.stream(applied).map(m -> m.getVersion().getVersion())).contains("1", "12", "13");
    }

    @Test
    void managerFromTheFirstSchemaSignsInToThePortalAndSeesHerPeople() throws Exception {
        Cookie session = mvc.perform(post("/signin").param("email", INGRID).param("password", OLD_PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn().getResponse().getCookie("SESSION");

        String page = mvc.perform(get("/organizations/{org}/users", NORDWIND).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Åsa", "Berg", "Olsen", "Nilsen", "Haddad", "Weber").doesNotContain("Chen", "Dahl");
    }

    @Test
    void memberListAnswersWithTheValuesTheOldRowsHeld() throws Exception {
        mvc.perform(get("/api/v1/organizations/{org}/members", NORDWIND).with(httpBasic(INGRID, OLD_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(6))
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Berg", "Haddad", "Larsen", "Nilsen", "Olsen", "Weber")))
                .andExpect(jsonPath("$.items[0].firstName").value("Åsa"))
                .andExpect(jsonPath("$.items[0].login").value("asa.berg"))
                .andExpect(jsonPath("$.items[0].position").value("Dispatcher"))
                .andExpect(jsonPath("$.items[0].role").value("USER"))
                .andExpect(jsonPath("$.items[0].rights").value(containsInAnyOrder("Showcase 360 Administrator", "Contacts Viewer")))
                .andExpect(jsonPath("$.items[0].sites").value(contains("20000000-0000-0000-0000-000000000001")))
                .andExpect(jsonPath("$.items[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$.items[1].status").value("NOTIFIED"))
                .andExpect(jsonPath("$.items[2].role").value("MANAGER"))
                .andExpect(jsonPath("$.items[2].allSites").value(true))
                .andExpect(jsonPath("$.items[3].status").value("DISABLED"))
                .andExpect(jsonPath("$.items[4].status").value("BLOCKED"))
                .andExpect(jsonPath("$.items[4].rights").value(contains("Contacts Editor")))
                .andExpect(jsonPath("$.items[5].status").value("CONNECTED"));

        // The search indexes of V2 and V4 were built over the old rows too.
        mvc.perform(get("/api/v1/organizations/{org}/members", NORDWIND).param("q", "ols").with(httpBasic(INGRID, OLD_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Olsen")));
        // Another organization's people stay out of reach.
        mvc.perform(get("/api/v1/organizations/{org}/members", HARBOUR).with(httpBasic(INGRID, OLD_PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/organizations/{org}/audit", NORDWIND).with(httpBasic(INGRID, OLD_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.action == 'member.added')].actor")
                        .value(contains("Ingrid Larsen <Ingrid.Larsen@Nordwind.test>")))
                .andExpect(jsonPath("$.items[?(@.action == 'member.added')].after.rights[0]")
                        .value(contains("Showcase 360 Administrator")));
    }

    @Test
    void tokenIssuedUnderTheFirstSchemaStillActsForItsOwner() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer gh_nightly-export-issued-under-the-first-schema-0001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(INGRID))
                .andExpect(jsonPath("$.language").value("fr"));
    }

    @Test
    void rowsTheFirstSchemaWroteAreChangedAfterTheUpgrade() throws Exception {
        // Written with version 0 by the first schema, set to 1 by V6: saved again, not inserted again.
        mvc.perform(patch("/api/v1/organizations/{org}", HARBOUR).with(httpBasic("ops@vendor.test", OLD_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Harbour Foods Group\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Harbour Foods Group"));
        mvc.perform(patch("/api/v1/organizations/{org}/members/{user}", HARBOUR, ASA).with(httpBasic("ops@vendor.test", OLD_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rights\":[\"Licenses\",\"Showcase 360 Administrator\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights").value(containsInAnyOrder("Licenses", "Showcase 360 Administrator")))
                .andExpect(jsonPath("$.role").value("CONTRIBUTOR"));

        assertThat(jdbc.sql("select name, version from organization where id = ?").param(UUID.fromString(HARBOUR))
                .query((rs, n) -> rs.getString(1) + " v" + rs.getLong(2)).single()).isEqualTo("Harbour Foods Group v2");
        assertThat(jdbc.sql("select count(*) from organization").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void migrationsFilledWhatTheyAddedForTheRowsTheyFound() {
        // V6: no row left at version 0, which the application would take for a row never saved.
        for (String table : new String[] {"organization", "site", "user_account", "membership"}) {
            assertThat(jdbc.sql("select count(*) from " + table + " where version < 1").query(Long.class).single()).as(table).isZero();
        }
        // V13: who accepted the terms before versions were recorded accepted version 1; nobody else did.
        assertThat(jdbc.sql("select email_key, terms_version from user_account where email_key in (?, ?)")
                .params("lea.weber@nordwind.test", "noor.haddad@nordwind.test")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getString(2)).list())
                .containsExactlyInAnyOrder("lea.weber@nordwind.test=1", "noor.haddad@nordwind.test=null");
        assertThat(jdbc.sql("select default_language from organization where id = ?").param(UUID.fromString(NORDWIND))
                .query(String.class).single()).isEqualTo("fr");
    }

    @Test
    void personInvitedBeforeTheUpgradeRegistersWithTheLinkTheyWereSent() throws Exception {
        invitations.register("InvitedUnderSchemaTwelveAtHarbourFoods00002",
                new Accounts.Registration("Sven", "Dahl", "Granite-Orchard-Lamp-64", Language.EN, true));

        mvc.perform(get("/api/v1/me").with(httpBasic("sven.dahl@harbour.test", "Granite-Orchard-Lamp-64")))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/organizations/{org}/members", HARBOUR).param("q", "dahl").with(httpBasic("mia.chen@harbour.test", OLD_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].status").value("NOTIFIED"));
        assertThat(jdbc.sql("select terms_version from user_account where email_key = ?").param("sven.dahl@harbour.test")
                .query(String.class).single()).isEqualTo(TermsOfUse.CURRENT_VERSION);
    }

    @Test
    void firstStartAfterTheUpgradeKeepsTheVendorAdminItFound() throws Exception {
        assertThat(jdbc.sql("select count(*) from staff_member").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from user_account where email_key = ?").param(TestData.ADMIN_EMAIL)
                .query(Long.class).single()).isZero();
        mvc.perform(get("/api/v1/organizations/{org}", NORDWIND).with(httpBasic("ops@vendor.test", OLD_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Nordwind Logistics"))
                .andExpect(jsonPath("$.region").value("EU"));
    }
}
