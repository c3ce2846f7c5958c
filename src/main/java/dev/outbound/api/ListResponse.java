package dev.outbound.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The contract's paged list envelope. */
public record ListResponse<T>(
        List<T> items,
        int page,
        int pageSize,
        @Nullable Integer totalPages,
        @Nullable Long totalCount) {

    public static <T> ListResponse<T> of(List<T> items, ListQuery query, long total) {
        int pages = query.limit() == 0 ? 0 : (int) ((total + query.limit() - 1) / query.limit());
        return new ListResponse<>(items, query.page(), query.limit(), pages, total);
    }
}
