package org.shiftscope.transport;

import java.util.Arrays;

/** The positive entries of an integer flow on a complete bipartite graph, indexed by row and by column. */
final class FlowLists {

    static final class IntList {
        int[] data = new int[4];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        boolean contains(int v) {
            for (int k = 0; k < size; k++) {
                if (data[k] == v) {
                    return true;
                }
            }
            return false;
        }

        void remove(int v) {
            for (int k = 0; k < size; k++) {
                if (data[k] == v) {
                    data[k] = data[--size];
                    return;
                }
            }
        }
    }

    private final IntList[] colsOfRow;
    private final long[][] amounts; // parallel to colsOfRow[i].data
    private final IntList[] rowsOfCol;

    FlowLists(int n, int m) {
        colsOfRow = new IntList[n];
        amounts = new long[n][4];
        rowsOfCol = new IntList[m];
        for (int i = 0; i < n; i++) {
            colsOfRow[i] = new IntList();
        }
        for (int j = 0; j < m; j++) {
            rowsOfCol[j] = new IntList();
        }
    }

    IntList rowsOf(int j) {
        return rowsOfCol[j];
    }

    long get(int i, int j) {
        IntList cols = colsOfRow[i];
        for (int k = 0; k < cols.size; k++) {
            if (cols.data[k] == j) {
                return amounts[i][k];
            }
        }
        return 0;
    }

    void add(int i, int j, long delta) {
        IntList cols = colsOfRow[i];
        for (int k = 0; k < cols.size; k++) {
            if (cols.data[k] == j) {
                amounts[i][k] += delta;
                if (amounts[i][k] == 0) {
                    int last = --cols.size;
                    cols.data[k] = cols.data[last];
                    amounts[i][k] = amounts[i][last];
                    rowsOfCol[j].remove(i);
                } else if (amounts[i][k] < 0) {
                    throw new IllegalStateException("negative flow on arc " + i + " -> " + j);
                }
                return;
            }
        }
        if (delta < 0) {
            throw new IllegalStateException("negative flow on arc " + i + " -> " + j);
        }
        cols.add(j);
        if (amounts[i].length < cols.data.length) {
            amounts[i] = Arrays.copyOf(amounts[i], cols.data.length);
        }
        amounts[i][cols.size - 1] = delta;
        rowsOfCol[j].add(i);
    }

    /**
     * Makes the flow's support a forest (an optimal vertex) without changing its cost: every cycle of positive
     * entries consists of zero-reduced-cost arcs, so moving flow around it alternately (+, -, ...) keeps the cost
     * and the marginals; each move empties at least one arc. Needed only when the data has ties.
     */
    void cancelCycles() {
        int n = colsOfRow.length;
        int m = rowsOfCol.length;
        IntList[] forest = new IntList[n + m];
        for (int v = 0; v < n + m; v++) {
            forest[v] = new IntList();
        }
        int[] prev = new int[n + m];
        int[] queue = new int[n + m];
        int[] seen = new int[n + m];
        int stamp = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < colsOfRow[i].size; k++) {
                int j = colsOfRow[i].data[k];
                if (forest[i].contains(n + j)) {
                    continue;
                }
                // breadth-first search in the forest from row node i to column node n + j
                stamp++;
                int head = 0;
                int tail = 0;
                queue[tail++] = i;
                seen[i] = stamp;
                prev[i] = -1;
                boolean found = false;
                while (head < tail && !found) {
                    int v = queue[head++];
                    for (int a = 0; a < forest[v].size; a++) {
                        int w = forest[v].data[a];
                        if (seen[w] != stamp) {
                            seen[w] = stamp;
                            prev[w] = v;
                            queue[tail++] = w;
                            if (w == n + j) {
                                found = true;
                                break;
                            }
                        }
                    }
                }
                if (!found) {
                    forest[i].add(n + j);
                    forest[n + j].add(i);
                    continue;
                }
                // cycle: (i, j) gets +delta; the forest path from column j back to row i alternates -, +, -, ...
                long delta = Long.MAX_VALUE;
                int v = n + j;
                boolean minus = true;
                while (v != i) {
                    int u = prev[v];
                    if (minus) {
                        delta = Math.min(delta, get(Math.min(u, v), Math.max(u, v) - n));
                    }
                    minus = !minus;
                    v = u;
                }
                v = n + j;
                minus = true;
                while (v != i) {
                    int u = prev[v];
                    int row = Math.min(u, v);
                    int col = Math.max(u, v) - n;
                    add(row, col, minus ? -delta : delta);
                    if (minus && get(row, col) == 0) {
                        forest[row].remove(n + col);
                        forest[n + col].remove(row);
                    }
                    minus = !minus;
                    v = u;
                }
                add(i, j, delta);
                // (i, j) stays positive but is not in the forest: the emptied arc broke the cycle; re-examine
                k = -1;
            }
        }
    }

    TransportPlan toPlan(long total) {
        int count = 0;
        for (IntList l : colsOfRow) {
            count += l.size;
        }
        int[] rows = new int[count];
        int[] cols = new int[count];
        double[] mass = new double[count];
        int e = 0;
        for (int i = 0; i < colsOfRow.length; i++) {
            for (int k = 0; k < colsOfRow[i].size; k++) {
                rows[e] = i;
                cols[e] = colsOfRow[i].data[k];
                mass[e] = (double) amounts[i][k] / total;
                e++;
            }
        }
        return new TransportPlan(colsOfRow.length, rowsOfCol.length, rows, cols, mass);
    }
}
