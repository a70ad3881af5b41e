package org.nabla4j.integrate;

import java.util.Arrays;

/**
 * A binary max-heap of integer ids (intervals or boxes) keyed by an error array owned by the caller, shared by the
 * globally adaptive drivers. The key array is passed to each operation because the drivers reallocate it as they
 * grow. Ties keep the parent in place on the way up and the current element in place on the way down, so the order
 * in which equal errors are refined is deterministic.
 */
final class ErrorHeap {
    private int[] ids = new int[64];
    private int size;

    /** The number of ids on the heap. */
    int size() {
        return size;
    }

    /** The id with the largest key; the heap must not be empty. */
    int peek() {
        return ids[0];
    }

    /** The id at heap position {@code i}, {@code 0 <= i < size()}, in no particular order beyond the heap order. */
    int get(int i) {
        return ids[i];
    }

    /** Removes every id and returns them in heap order. */
    int[] drain() {
        int[] all = Arrays.copyOf(ids, size);
        size = 0;
        return all;
    }

    /** Adds {@code id}, keyed by {@code key[id]}. */
    void push(int id, double[] key) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, 2 * size);
        }
        int i = size++;
        double k = key[id];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (key[ids[parent]] >= k) {
                break;
            }
            ids[i] = ids[parent];
            i = parent;
        }
        ids[i] = id;
    }

    /** Removes and returns the id with the largest key; the heap must not be empty. */
    int pop(double[] key) {
        int top = ids[0];
        int last = ids[--size];
        double k = key[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && key[ids[child + 1]] > key[ids[child]]) {
                child++;
            }
            if (key[ids[child]] <= k) {
                break;
            }
            ids[i] = ids[child];
            i = child;
        }
        if (size > 0) {
            ids[i] = last;
        }
        return top;
    }
}
