package io.sophra.registry.http;

import io.sophra.registry.events.ChangeRecord;
import java.util.Set;

/**
 * Which changes a feed stream passes on: those whose subject (a model id, or {@code alias:<name>}) is
 * among {@code subjects} and whose event name is among {@code eventNames}; an empty set passes all.
 */
record FeedFilter(Set<String> subjects, Set<String> eventNames) {

  FeedFilter {
    subjects = Set.copyOf(subjects);
    eventNames = Set.copyOf(eventNames);
  }

  boolean passes(ChangeRecord record) {
    return (subjects.isEmpty() || subjects.contains(record.subject()))
        && (eventNames.isEmpty() || eventNames.contains(record.eventName()));
  }
}
