package dev.outbound.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who was attempted and when, across all of an organization's campaigns and batches, and the lock
 * that makes counting safe: a claim locks the people it is about to attempt (their {@code contact}
 * rows, in key order, so claims cannot deadlock on each other) before it reads their history, and
 * records its attempts before it commits. A second node claiming the same person waits for that
 * commit and then counts those attempts too.
 */
@Service
public class ContactLedger {
    private static final int CHUNK = 1000;

    private final ContactRepository contacts;
    private final ContactAttemptRepository attempts;

    ContactLedger(ContactRepository contacts, ContactAttemptRepository attempts) {
        this.contacts = contacts;
        this.attempts = attempts;
    }

    /** One attempt of a person, as the claim records it. */
    public record Attempt(long requestId, int attemptNo, long organizationId, String contactKey, Instant at) {}

    /**
     * Locks the people of {@code keys} until the transaction ends and answers each one's history
     * since {@code since} (a person without any is answered with an empty history).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, ContactHistory> lockAndRead(long organizationId, Collection<String> keys, Instant since) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(keys));
        var out = new HashMap<String, ContactHistory>();
        for (int i = 0; i < sorted.size(); i += CHUNK) {
            List<String> chunk = sorted.subList(i, Math.min(sorted.size(), i + CHUNK));
            contacts.lock(organizationId, chunk);
            out.putAll(attempts.since(organizationId, chunk, since));
        }
        for (String key : sorted) {
            out.putIfAbsent(key, ContactHistory.none());
        }
        return out;
    }

    /** Records attempts whose attempt rows exist, in the claiming transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<Attempt> made) {
        attempts.insertAll(made);
    }

    /** An attempt that became a conversation at {@code at}: it opens the person's quiet period. */
    public record Conversation(long requestId, int attemptNo, Instant at) {}

    @Transactional
    public void conversations(List<Conversation> conversations) {
        if (!conversations.isEmpty()) {
            attempts.conversations(conversations);
        }
    }
}
