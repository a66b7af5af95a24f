import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { FeedbackController } from './feedback.controller';

@Module({ controllers: [DashboardController, FeedbackController] })
export class DashboardModule {}
