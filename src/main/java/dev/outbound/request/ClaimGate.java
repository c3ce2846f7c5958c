package dev.outbound.request;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The rules that decide, inside the claiming transaction, whether each picked request may be
 * attempted. Because it runs in that transaction, after the requests are locked, whatever it reads
 * (a suppression entry added a second ago, the attempts another node just committed) holds at the
 * moment of the claim, on every node.
 */
public interface ClaimGate {
    /** Lets everything through: for claims no rule applies to (tests of the claim itself). */
    ClaimGate OPEN = new ClaimGate() {
        @Override
        public List<Verdict> judge(List<ClaimedRequest> picked, Instant now) {
            return Collections.nCopies(picked.size(), Verdict.ALLOW);
        }

        @Override
        public void claimed(List<ClaimedRequest> claimed, Instant now) {}
    };

    /** One verdict per picked request, in the same order (the claim's order: due first). */
    List<Verdict> judge(List<ClaimedRequest> picked, Instant now);

    /** The requests that were claimed, after their attempt rows exist. */
    void claimed(List<ClaimedRequest> claimed, Instant now);
}
