package dev.specgen.load;

import dev.specgen.diag.SourcePos;
import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Wraps SnakeYAML's parser to (1) remember where the last event and the current document started, so that errors
 * SnakeYAML raises without a mark (alias limit, internal failures) still get a position, and (2) refuse nesting
 * deeper than the limit before the recursive Composer could overflow the stack ({@code [[[[...} x 1M).
 */
final class TrackingParser implements Parser {
    private final Parser delegate;
    private final String file;
    private final int maxDepth;
    private int depth;
    private Optional<Mark> lastMark = Optional.empty();
    private Optional<Mark> documentStart = Optional.empty();

    TrackingParser(Parser delegate, String file, int maxDepth) {
        this.delegate = delegate;
        this.file = file;
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return delegate.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Event next() {
        Event e = delegate.next();
        if (e.getStartMark().isPresent()) {
            lastMark = e.getStartMark();
        }
        switch (e.getEventId()) {
            case DocumentStart -> {
                documentStart = e.getStartMark();
                depth = 0;
            }
            case MappingStart, SequenceStart -> {
                if (++depth > maxDepth) {
                    throw new LimitExceeded(pos(e.getStartMark()), "nesting is deeper than " + maxDepth + " levels");
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {
                // scalars, aliases, stream and document ends change no depth
            }
        }
        return e;
    }

    /** Start of the last event handed out, if any. */
    Optional<SourcePos> lastPos() {
        return lastMark.map(this::toPos);
    }

    /** Start of the current document ({@code ---}, or its first token when implicit). */
    Optional<SourcePos> documentStart() {
        return documentStart.map(this::toPos);
    }

    private SourcePos pos(Optional<Mark> mark) {
        return mark.map(this::toPos).orElseGet(() -> SourcePos.file(file));
    }

    private SourcePos toPos(Mark m) {
        return SourcePos.of(file, m.getLine(), m.getColumn());
    }
}
