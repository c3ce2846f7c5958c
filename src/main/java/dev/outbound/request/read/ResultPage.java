package dev.outbound.request.read;

import java.util.List;

/** One page of results and how many match the filter in all. */
public record ResultPage(List<ResultRow> rows, long total) {}
