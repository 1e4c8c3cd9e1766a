INSERT INTO numbers (n) VALUES (2);
INSERT INTO numbers (n) VALUES (3);
