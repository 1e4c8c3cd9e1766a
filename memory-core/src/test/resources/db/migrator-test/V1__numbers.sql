-- a table the next script fills
CREATE TABLE numbers (n INT PRIMARY KEY);
INSERT INTO numbers (n) VALUES (1);
