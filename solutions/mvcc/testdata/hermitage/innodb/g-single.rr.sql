-- Our transcription of ept/hermitage, mysql.md: repeatable read prevents
-- Read Skew (G-single) on a read-only transaction.
-- anomaly: G-single
-- level: rr
-- prevented: yes
-- read-only
set session transaction isolation level repeatable read; begin; -- T1
set session transaction isolation level repeatable read; begin; -- T2
select * from test where id = 1; -- T1 [-> 1 => 10]
select * from test where id = 1; -- T2
select * from test where id = 2; -- T2
update test set value = 12 where id = 1; -- T2
update test set value = 18 where id = 2; -- T2
commit; -- T2
select * from test where id = 2; -- T1 [-> 2 => 20] [anomaly unless 2 => 20]
commit; -- T1
