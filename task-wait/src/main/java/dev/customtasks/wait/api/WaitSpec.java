package dev.customtasks.wait.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What a wait is: exactly one of {@code duration}, {@code until} or {@code window}. The same
 * fields come from params, an embedded {@code customSpec.spec} or a named {@link Wait} object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaitSpec(
    @JsonPropertyDescription("A Go duration (90s, 1h30m) to wait from the run's start.")
    String duration,
    @JsonPropertyDescription("An RFC 3339 timestamp to wait for; in the past means finish at once.")
    String until,
    @JsonPropertyDescription("A Quartz cron expression (seconds first); the wait ends at its next match at or after the start.")
    String window,
    @JsonPropertyDescription("The IANA time zone the window is read in; default UTC.")
    String timezone,
    @JsonPropertyDescription("ISO dates (yyyy-MM-dd) on which the window never opens.")
    List<String> exclude,
    @JsonPropertyDescription("ISO dates on which the window never opens; the named object's name for exclude.")
    List<String> blackoutDates) {
}
