package dev.engram.gateway.rest.dto;

import java.util.List;

/** Mem0's pagination envelope; {@code next}/{@code previous} are absolute URLs or null. */
public record PageView<T>(long count, String next, String previous, List<T> results) {
}
