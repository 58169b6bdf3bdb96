-- Undoes V1: the demo API's table goes, with every expense in it (undo refuses that
-- without --allow-data-loss while the table holds rows).
DROP TABLE expenses;
