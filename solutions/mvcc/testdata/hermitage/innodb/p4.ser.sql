-- Our transcription of ept/hermitage, mysql.md: serializable prevents
-- Lost Update (P4).
-- anomaly: P4
-- level: ser
-- prevented: yes
set session transaction isolation level serializable; begin; -- T1
set session transaction isolation level serializable; begin; -- T2
select * from test where id = 1; -- T1
select * from test where id = 1; -- T2
update test set value = 11 where id = 1; -- T1 [blocks]
update test set value = 11 where id = 1; -- T2 [error: Deadlock found when trying to get lock; try restarting transaction]
commit; -- T1
rollback; -- T2
