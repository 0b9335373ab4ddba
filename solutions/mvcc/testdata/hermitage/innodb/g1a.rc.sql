-- Our transcription of ept/hermitage, mysql.md: read committed prevents
-- Aborted Reads (G1a).
-- anomaly: G1a
-- level: rc
-- prevented: yes
set session transaction isolation level read committed; begin; -- T1
set session transaction isolation level read committed; begin; -- T2
update test set value = 101 where id = 1; -- T1
select * from test; -- T2 [-> 1 => 10, 2 => 20] [anomaly unless 1 => 10, 2 => 20]
rollback; -- T1
select * from test; -- T2 [-> 1 => 10, 2 => 20]
commit; -- T2
