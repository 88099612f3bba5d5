package dev.chronoscope.engine.scheduler;

import dev.chronoscope.engine.core.request.Request;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;

/** Requests not running: new ones, and preempted ones waiting to be recomputed. */
interface WaitingQueue {

    void add(Request request);

    /** Puts a preempted request back where it will be taken next among its peers. */
    void prepend(Request request);

    Request peek();

    Request poll();

    boolean remove(Request request);

    int size();

    default boolean isEmpty() { return size() == 0; }

    static WaitingQueue of(SchedulingPolicy policy) {
        return switch (policy) {
            case FCFS -> new Fcfs();
            case PRIORITY -> new ByPriority();
        };
    }

    final class Fcfs implements WaitingQueue {
        private final Deque<Request> queue = new ArrayDeque<>();

        @Override public void add(Request request) { queue.addLast(request); }
        @Override public void prepend(Request request) { queue.addFirst(request); }
        @Override public Request peek() { return queue.peekFirst(); }
        @Override public Request poll() { return queue.pollFirst(); }
        @Override public boolean remove(Request request) { return queue.remove(request); }
        @Override public int size() { return queue.size(); }
    }

    /** (priority, arrival) order; a preempted request keeps its place by those keys. */
    final class ByPriority implements WaitingQueue {
        private final PriorityQueue<Request> queue = new PriorityQueue<>(
                Comparator.comparingInt(Request::priority).thenComparingLong(Request::arrivalNanos));

        @Override public void add(Request request) { queue.add(request); }
        @Override public void prepend(Request request) { queue.add(request); }
        @Override public Request peek() { return queue.peek(); }
        @Override public Request poll() { return queue.poll(); }
        @Override public boolean remove(Request request) { return queue.remove(request); }
        @Override public int size() { return queue.size(); }
    }
}
