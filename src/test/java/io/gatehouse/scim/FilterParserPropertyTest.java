package io.gatehouse.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.scim.ScimFilter.AttrPath;
import io.gatehouse.scim.ScimFilter.Operator;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The filter parser: any filter it can print parses back to the same filter, and no input makes it
 * fail with anything but an invalidFilter error.
 */
class FilterParserPropertyTest {

    @Property(tries = 2000)
    void everyPrintedFilterParsesBackToTheSameFilter(@ForAll("filters") ScimFilter filter) {
        assertThat(FilterParser.parse(filter.print())).isEqualTo(filter);
    }

    @Property(tries = 2000)
    void keywordsAndOperatorsAreCaseInsensitive(@ForAll("filters") ScimFilter filter) {
        String shouted = filter.print().replace(" and ", " AND ").replace(" or ", " Or ").replace("not (", "NOT (")
                .replace(" eq ", " EQ ").replace(" co ", " Co ").replace(" pr", " PR");
        assertThat(FilterParser.parse(shouted)).isEqualTo(filter);
    }

    @Property(tries = 5000)
    void garbageFailsOnlyWithInvalidFilter(@ForAll("garbage") String text) {
        try {
            FilterParser.parse(text);
        } catch (ScimException e) {
            assertThat(e.scimType()).isEqualTo("invalidFilter");
            assertThat(e.status()).isEqualTo(400);
        }
    }

    @Property(tries = 2000)
    void mangledFiltersFailOnlyWithInvalidFilter(@ForAll("filters") ScimFilter filter, @ForAll("cuts") int cut) {
        String text = filter.print();
        String mangled = text.substring(0, Math.min(cut, text.length())) + ")\"[ " + text.substring(Math.min(cut, text.length()));
        try {
            FilterParser.parse(mangled);
        } catch (ScimException e) {
            assertThat(e.scimType()).isEqualTo("invalidFilter");
        }
    }

    @Test
    void readsTheFiltersEntraIdAndOktaSend() {
        assertThat(FilterParser.parse("userName eq \"alice@example.com\""))
                .isEqualTo(new ScimFilter.Compare(AttrPath.of("userName"), Operator.EQ, "alice@example.com"));
        assertThat(FilterParser.parse("externalId eq \"00u1\"")).isInstanceOf(ScimFilter.Compare.class);
        assertThat(FilterParser.parse("emails[type eq \"work\"].value eq \"a@b.c\""))
                .isEqualTo(new ScimFilter.Compare(new AttrPath(null, "emails",
                        new ScimFilter.Compare(AttrPath.of("type"), Operator.EQ, "work"), "value"), Operator.EQ, "a@b.c"));
        assertThat(FilterParser.parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\""))
                .isEqualTo(new ScimFilter.Compare(new AttrPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                        "department", null, null), Operator.EQ, "Sales"));
        assertThat(FilterParser.parse("meta.lastModified gt \"2026-01-01T00:00:00Z\" and not (active eq false)"))
                .isInstanceOf(ScimFilter.And.class);
        assertThat(FilterParser.parse("members[value eq \"x\"]")).isInstanceOf(ScimFilter.ValuePath.class);
    }

    @Test
    void refusesUnbalancedAndUnknownSyntaxWithInvalidFilter() {
        for (String bad : new String[] {"", "userName", "userName eq", "userName xx \"a\"", "(userName eq \"a\"",
                "userName eq \"a", "a[b[c eq 1]] eq 2", "userName eq \"a\" and", "not userName eq \"a\"", "x eq 01"}) {
            assertThatThrownBy(() -> FilterParser.parse(bad)).as(bad).isInstanceOfSatisfying(ScimException.class,
                    e -> assertThat(e.scimType()).isEqualTo("invalidFilter"));
        }
        assertThatThrownBy(() -> FilterParser.parse("(".repeat(5000) + "a pr" + ")".repeat(5000)))
                .isInstanceOf(ScimException.class);
    }

    @Provide
    Arbitrary<ScimFilter> filters() {
        return filter(3);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 200);
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> tokens = Arbitraries.of("userName", "emails", "[", "]", "(", ")", "\"", "\\", " ", "eq", "and", "or",
                "not", "pr", ".", ":", "urn:x", "\"v\"", "12", "-", "1e5", "true", "null", "é", "\u0000", "co", "'");
        Arbitrary<String> joined = tokens.list().ofMaxSize(20).map(list -> String.join("", list));
        return Arbitraries.oneOf(joined, Arbitraries.strings().ofMaxLength(60));
    }

    private Arbitrary<ScimFilter> filter(int depth) {
        if (depth == 0) {
            return leaf(true);
        }
        Arbitrary<ScimFilter> smaller = Arbitraries.lazy(() -> filter(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf(true)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(smaller, smaller).as(ScimFilter.And::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(smaller, smaller).as(ScimFilter.Or::new)),
                net.jqwik.api.Tuple.of(1, smaller.map(ScimFilter.Not::new)));
    }

    private Arbitrary<ScimFilter> leaf(boolean valueFilters) {
        Arbitrary<AttrPath> paths = path(valueFilters);
        Arbitrary<ScimFilter> compare = Combinators.combine(paths, Arbitraries.of(Operator.class), value())
                .as(ScimFilter.Compare::new);
        Arbitrary<ScimFilter> present = paths.map(ScimFilter.Present::new);
        if (!valueFilters) {
            return Arbitraries.oneOf(compare, present);
        }
        Arbitrary<ScimFilter> valuePath = Combinators.combine(name(), simpleFilter())
                .as((name, inner) -> new ScimFilter.ValuePath(new AttrPath(null, name, inner, null)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, compare), net.jqwik.api.Tuple.of(2, present),
                net.jqwik.api.Tuple.of(1, valuePath));
    }

    private Arbitrary<ScimFilter> simpleFilter() {
        Arbitrary<ScimFilter> leaf = leaf(false);
        return Arbitraries.oneOf(leaf, Combinators.combine(leaf, leaf).as(ScimFilter.Or::new),
                Combinators.combine(leaf, leaf).as(ScimFilter.And::new), leaf.map(ScimFilter.Not::new));
    }

    private Arbitrary<AttrPath> path(boolean valueFilters) {
        Arbitrary<String> schema = Arbitraries.of(null, "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        Arbitrary<String> sub = Arbitraries.oneOf(Arbitraries.just(null), name());
        Arbitrary<ScimFilter> inner = valueFilters
                ? Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.lazy(this::simpleFilter))
                : Arbitraries.just(null);
        return Combinators.combine(schema, name(), inner, sub).as(AttrPath::new);
    }

    private Arbitrary<String> name() {
        return Arbitraries.oneOf(Arbitraries.of("userName", "name", "emails", "givenName", "familyName", "value", "type",
                        "meta", "lastModified", "externalId", "active", "department", "$ref", "x-y_z"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                        .map(s -> "n" + s)
                        .filter(s -> !s.equalsIgnoreCase("not")))
                .filter(s -> !s.startsWith("$"));
    }

    private Arbitrary<Object> value() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e9"), new BigDecimal("1e9")).ofScale(3).map(b -> (Object) b),
                Arbitraries.longs().map(l -> (Object) BigDecimal.valueOf(l)));
    }
}
