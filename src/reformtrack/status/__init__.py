"""Status lights (红黄绿灯): on track, at risk, overdue per measure and project; rules per plan."""
