package dev.outbound.suppression;

import dev.outbound.api.ListQuery;
import dev.outbound.api.ListResponse;
import dev.outbound.store.ListSql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages through an organization's suppression list like the contract's lists (newest first
 * unless {@code order_by} says otherwise), with one more filter: {@code target}, a fragment of
 * the stored key.
 */
@Service
public class SuppressionSearch {
    /** The properties a list query may search, order by or name. */
    public static final List<String> PROPERTIES =
            List.of("target", "kind", "source", "reason", "added_by", "created_at");

    private static final Map<String, ListSql.Column> COLUMNS = Map.of(
            "target", new ListSql.Column("target_key", ListSql.Match.CONTAINS),
            "kind",
                    new ListSql.Column(
                            "LOWER(kind)",
                            ListSql.Match.EQUALS,
                            Arrays.stream(SuppressionKind.values())
                                    .map(SuppressionKind::wire)
                                    .toList()),
            "source",
                    new ListSql.Column(
                            "LOWER(source)",
                            ListSql.Match.EQUALS,
                            Arrays.stream(SuppressionSource.values())
                                    .map(SuppressionSource::wire)
                                    .toList()),
            "reason", new ListSql.Column("reason", ListSql.Match.CONTAINS),
            "added_by", new ListSql.Column("added_by", ListSql.Match.CONTAINS),
            "created_at", new ListSql.Column("created_at", ListSql.Match.TIME));

    private final SuppressionRepository entries;

    SuppressionSearch(SuppressionRepository entries) {
        this.entries = entries;
    }

    /**
     * One page of the list. {@code target}, when given, keeps the entries whose key contains it,
     * case-insensitively; a fragment of a phone number is compared by its digits (and '+') only,
     * so "(512) 555" finds +1512555....
     */
    @Transactional(readOnly = true)
    public ListResponse<SuppressionView> list(long organizationId, ListQuery query, @Nullable String target) {
        ListQuery q = withTarget(query, target);
        ListSql.Built where = ListSql.build(q, COLUMNS, "created_at", "created_at", "target_key");
        List<SuppressionView> items = entries.list(organizationId, where, q.limit(), q.offset()).stream()
                .map(SuppressionView::of)
                .toList();
        return ListResponse.of(items, q, entries.count(organizationId, where));
    }

    private static ListQuery withTarget(ListQuery query, @Nullable String target) {
        String fragment = target == null ? "" : fragment(target);
        if (fragment.isEmpty()) {
            return query;
        }
        var searches = new ArrayList<>(query.searches());
        searches.add(new ListQuery.Search("target", fragment, searches.size()));
        return new ListQuery(
                query.page(),
                query.limit(),
                searches,
                query.orderBy(),
                query.descending(),
                query.fields(),
                query.start(),
                query.end());
    }

    static String fragment(String raw) {
        String s = raw.strip();
        if (s.indexOf('@') < 0 && s.chars().anyMatch(Character::isDigit)) {
            return s.replaceAll("[^0-9+]", "");
        }
        return s;
    }
}
